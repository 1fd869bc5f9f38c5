using System.Diagnostics;

namespace AkoActors.Testing.Processes;

/// <summary>Runs a command-line tool a user would run (kubectl, helm) to completion with a deadline, collecting its output;
/// one that overruns is killed with its children and reported, so no test hangs on a stuck client.</summary>
public static class ToolProcess
{
    /// <summary>The outcome of one run; <see cref="ExitCode"/> is -1 when the deadline killed it (said in the error text).</summary>
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Outcome> RunAsync(ProcessStartInfo start, string? standardInput, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Outcome(-1, await stdout, await stderr + $"\n(killed after {timeout.TotalSeconds:0}s)");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
