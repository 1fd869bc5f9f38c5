using System.Diagnostics;
using System.Text;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>Runs the real helm against a kubeconfig with a time limit and its own cache, config and data folders (nothing of the user's helm setup is read or written).</summary>
public sealed class HelmCommand : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("helm-home-").FullName;
    private readonly string _kubeconfig;

    /// <summary>Creates a runner for a kubeconfig.</summary>
    public HelmCommand(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
    }

    /// <summary>The helm executable on the PATH (or HELM), or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("HELM") is { Length: > 0 } explicitPath && File.Exists(explicitPath))
        {
            return explicitPath;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "helm.exe" : "helm"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs helm and returns what happened; the command is killed after 120 s.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("helm is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["KUBECONFIG"] = _kubeconfig;
        start.Environment["HOME"] = _home;
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(_home, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(_home, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(_home, "data");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start helm");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new KubectlResult("helm " + string.Join(' ', args), -1, await stdout, await stderr + "\n(killed after 120s)");
        }
        return new KubectlResult("helm " + string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Removes helm's folders.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
