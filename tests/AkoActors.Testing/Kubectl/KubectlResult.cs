namespace AkoActors.Testing.Kubectl;

/// <summary>What one kubectl invocation did: its exit code and everything it printed, with the command line for failure messages.</summary>
public sealed record KubectlResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether kubectl exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The lines of standard output.</summary>
    public IReadOnlyList<string> Lines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>This result, or an exception naming the command and its output when kubectl failed.</summary>
    public KubectlResult EnsureSuccess() => Succeeded
        ? this
        : throw new KubectlFailedException(this);

    /// <inheritdoc />
    public override string ToString() =>
        $"$ {CommandLine}\n(exit {ExitCode})\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
