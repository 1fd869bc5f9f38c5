using System.Globalization;

namespace AkoActors.Simulation.Replicas;

/// <summary>Memory of a process from /proc/&lt;pid&gt;/status, in MiB.</summary>
public sealed record ProcessMemory(double PeakResidentMiB, double ResidentMiB)
{
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            double hwm = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = KiB(line) / 1024.0;
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = KiB(line) / 1024.0;
            }
            return new ProcessMemory(hwm, rss);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
