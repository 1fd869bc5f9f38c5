using System.Diagnostics;
using AkoActors.Simulation.Replicas;

namespace AkoActors.Simulation.Tests.Support;

/// <summary>The controller as an earlier commit of this repository built it: taken from the git history with
/// <c>git archive</c> (the checkout is not touched) and built once into the temp folder, so a rolling update from a
/// real previous version can run.</summary>
public static class PreviousBuild
{
    /// <summary>The built <c>AkoActors.dll</c> of <paramref name="commit"/>, or null with the reason when this checkout has
    /// no git history holding it (a source archive, a shallow clone).</summary>
    public static async Task<(string? HostDll, string? Unavailable)> BuildAsync(string commit, Action<string> say)
    {
        var root = ReplicaExecutable.RepositoryRoot();
        var probe = await RunAsync("git", ["-C", root, "cat-file", "-e", commit + "^{commit}"], root);
        if (probe.ExitCode != 0) return (null, $"commit {commit} is not in this checkout's git history ({probe.Output.Trim()})");

        var folder = Path.Combine(Path.GetTempPath(), "ako-previous-build", commit[..12]);
        var dll = Path.Combine(folder, "out", "AkoActors.dll");
        if (File.Exists(dll)) return (dll, null);

        var source = Path.Combine(folder, "src");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(source);
        say($"building the controller of commit {commit[..12]} into {folder}");
        var archive = await RunAsync("bash", ["-c", $"git -C '{root}' archive --format=tar {commit} | tar -x -C '{source}'"], root);
        if (archive.ExitCode != 0) throw new InvalidOperationException($"git archive of {commit} failed:\n{archive.Output}");
        var build = await RunAsync("dotnet", ["build", Path.Combine(source, "src", "AkoActors", "AkoActors.csproj"), "-c", "Debug", "-o", Path.GetDirectoryName(dll)!, "-nologo", "-v", "q"], source);
        if (build.ExitCode != 0 || !File.Exists(dll)) throw new InvalidOperationException($"building commit {commit} failed:\n{build.Output}");
        return (dll, null);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string directory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
