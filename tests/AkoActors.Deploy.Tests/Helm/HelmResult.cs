namespace AkoActors.Deploy.Tests.Helm;

/// <summary>What one helm invocation did, with the command line for failure messages.</summary>
public sealed record HelmResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>This result, or an exception carrying the command and everything it printed.</summary>
    public HelmResult EnsureSuccess() => Succeeded ? this : throw new InvalidOperationException($"helm failed:\n{this}");

    public override string ToString() =>
        $"$ {CommandLine}\n(exit {ExitCode})\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
