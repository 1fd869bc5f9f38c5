using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace AkoActors.Bench.Results;

/// <summary>The machine a figure was measured on. Machines here are shared: the load average before and after a run says
/// how much else was running (another engineer compiling shows up as a load above the core count).</summary>
public sealed record MachineInfo(
    int Cores, double MemoryGiB, string CpuModel, string Os, string Runtime, string Configuration, string? GitCommit, string LoadAverageAtStart)
{
    public static MachineInfo Capture(string repositoryRoot) => new(
        Environment.ProcessorCount,
        Math.Round(MemTotalKiB() / 1024.0 / 1024.0, 1),
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        ReadGitCommit(repositoryRoot),
        LoadAverage());

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public string Describe() =>
        $"{Cores} cores ({CpuModel}), {MemoryGiB:0.#} GiB, {Os}, {Runtime}, {Configuration} build, commit {GitCommit ?? "?"}, load average at start {LoadAverageAtStart}";

    public JsonObject ToJson() => new()
    {
        ["cores"] = Cores,
        ["memoryGiB"] = MemoryGiB,
        ["cpu"] = CpuModel,
        ["os"] = Os,
        ["runtime"] = Runtime,
        ["configuration"] = Configuration,
        ["gitCommit"] = GitCommit,
        ["loadAverageAtStart"] = LoadAverageAtStart,
        ["loadAverageAtEnd"] = LoadAverage(),
    };

    private static long MemTotalKiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? ReadGitCommit(string repositoryRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repositoryRoot, "rev-parse", "--short", "HEAD"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            if (git.ExitCode != 0) return null;
            using var status = Process.Start(new ProcessStartInfo("git", ["-C", repositoryRoot, "status", "--porcelain", "--untracked-files=no"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            var dirty = status is not null && status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status?.WaitForExit();
            return dirty ? output + "+dirty" : output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
