using AkoActors.Testing.Processes;
using System.Diagnostics;
using System.Text;

namespace AkoActors.Deploy.Tests.Helm;

/// <summary>Runs the real helm with a time limit, captured output and its own cache/config/data folders, so tests never
/// read or write the user's helm repositories and plugins.</summary>
public sealed class HelmRunner : IDisposable
{
    private readonly string _home;
    private readonly string? _kubeconfig;

    /// <summary>A runner for rendering only (<paramref name="kubeconfig"/> null) or against a cluster.</summary>
    public HelmRunner(string? kubeconfig = null, TimeSpan? timeout = null)
    {
        _kubeconfig = kubeconfig;
        Timeout = timeout ?? TimeSpan.FromSeconds(120);
        _home = Directory.CreateTempSubdirectory("helm-home-").FullName;
    }

    public TimeSpan Timeout { get; }

    /// <summary>helm from $HELM or the PATH, or null.</summary>
    public static string? FindHelm()
    {
        if (Environment.GetEnvironmentVariable("HELM") is { Length: > 0 } explicitPath && File.Exists(explicitPath)) return explicitPath;
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "helm"))
            .FirstOrDefault(File.Exists);
    }

    public async Task<HelmResult> RunAsync(params string[] args)
    {
        var helm = FindHelm() ?? throw new InvalidOperationException(HelmRequirement.MissingMessage);
        var start = new ProcessStartInfo(helm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (_kubeconfig is not null)
        {
            start.ArgumentList.Add("--kubeconfig");
            start.ArgumentList.Add(_kubeconfig);
        }
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(_home, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(_home, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(_home, "data");
        start.Environment["HOME"] = _home;
        start.Environment.Remove("KUBECONFIG");
        var commandLine = "helm " + string.Join(' ', args);
        var outcome = await ToolProcess.RunAsync(start, null, Timeout);
        return new HelmResult(commandLine, outcome.ExitCode, outcome.StandardOutput, outcome.StandardError);
    }

    public async Task<HelmResult> SucceedAsync(params string[] args) => (await RunAsync(args)).EnsureSuccess();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
