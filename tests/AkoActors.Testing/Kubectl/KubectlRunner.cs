using AkoActors.Testing.Processes;
using System.Diagnostics;
using System.Text;

namespace AkoActors.Testing.Kubectl;

/// <summary>
/// Runs the real kubectl against a kubeconfig with a time limit, an isolated discovery cache and captured output.
/// When kubectl is not installed, <see cref="RunAsync(string[])"/> throws <see cref="KubectlMissingException"/> so a test fails
/// with a clear message instead of silently passing or skipping.
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly string _cacheDirectory;

    /// <summary>Creates a runner for a kubeconfig; each runner has its own discovery cache.</summary>
    public KubectlRunner(string kubeconfigPath, TimeSpan? timeout = null)
    {
        KubeconfigPath = kubeconfigPath;
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
        _cacheDirectory = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
    }

    /// <summary>The kubeconfig passed with --kubeconfig.</summary>
    public string KubeconfigPath { get; }

    /// <summary>How long one command may run before it is killed and reported as failed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The kubectl executable on the PATH (or KUBECTL), or null when there is none.</summary>
    public static string? FindKubectl()
    {
        if (Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } explicitPath && File.Exists(explicitPath))
        {
            return explicitPath;
        }
        var names = OperatingSystem.IsWindows() ? new[] { "kubectl.exe" } : ["kubectl"];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs kubectl with the arguments; returns whatever happened (see <see cref="KubectlResult.EnsureSuccess"/>).</summary>
    public Task<KubectlResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs kubectl with text on standard input (e.g. <c>apply -f -</c>).</summary>
    public async Task<KubectlResult> RunWithInputAsync(string? standardInput, params string[] args)
    {
        var kubectl = FindKubectl() ?? throw new KubectlMissingException();
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(KubeconfigPath);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(_cacheDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment["HOME"] = _cacheDirectory;
        var commandLine = "kubectl " + string.Join(' ', args);
        var outcome = await ToolProcess.RunAsync(start, standardInput, Timeout);
        return new KubectlResult(commandLine, outcome.ExitCode, outcome.StandardOutput, outcome.StandardError);
    }

    /// <summary>Runs kubectl and throws unless it succeeded.</summary>
    public async Task<KubectlResult> SucceedAsync(params string[] args) => (await RunAsync(args)).EnsureSuccess();

    /// <summary>Removes the discovery cache.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
