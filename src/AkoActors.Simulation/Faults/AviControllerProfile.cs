using System.Globalization;

namespace AkoActors.Simulation.Faults;

/// <summary>How the Avi Controller a simulation stands for answers when nothing is wrong: a latency distribution (log-normal
/// with this median and 99th percentile) and the requests it serves at once. Measured on the user's controller and given to
/// <c>simulate</c>, it is the baseline faults come on top of and <see cref="AviFaults.Clear"/> returns to.</summary>
public sealed record AviControllerProfile(TimeSpan P50, TimeSpan P99, int MaxConcurrent)
{
    /// <summary>AviSim as it is: answers at once, no cap.</summary>
    public static AviControllerProfile Instant { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);

    public bool HasLatency => P50 > TimeSpan.Zero || P99 > TimeSpan.Zero;

    /// <summary>From <c>P50</c> or <c>P50,P99</c> in milliseconds (a single figure is a fixed latency) and a cap (0 = none).</summary>
    public static AviControllerProfile Parse(string? latencyMs, int maxConcurrent)
    {
        if (maxConcurrent < 0) throw new ArgumentException($"--avi-concurrency {maxConcurrent}: give 0 (no cap) or more");
        if (string.IsNullOrWhiteSpace(latencyMs)) return Instant with { MaxConcurrent = maxConcurrent };
        var parts = latencyMs.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0))
        {
            throw new ArgumentException($"--avi-latency-ms '{latencyMs}': give the median, or the median and the 99th percentile, in ms (e.g. 20 or 20,80)");
        }
        var p50 = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var p99 = parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : p50;
        if (p99 < p50) throw new ArgumentException($"--avi-latency-ms '{latencyMs}': the 99th percentile is below the median");
        return new AviControllerProfile(TimeSpan.FromMilliseconds(p50), TimeSpan.FromMilliseconds(p99), maxConcurrent);
    }

    public override string ToString() =>
        (HasLatency ? $"latency p50 {P50.TotalMilliseconds:0.#} ms, p99 {P99.TotalMilliseconds:0.#} ms" : "no added latency") +
        (MaxConcurrent > 0 ? $", at most {MaxConcurrent} requests at once" : ", no concurrency cap");
}
