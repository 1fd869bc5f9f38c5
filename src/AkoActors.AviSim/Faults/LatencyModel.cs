namespace AkoActors.AviSim.Faults;

/// <summary>How long the simulated controller takes per API request: nothing, a fixed delay, or a log-normal
/// distribution fitted to a median and a 99th percentile (controllers have long tails).</summary>
public sealed record LatencyModel
{
    private const double Z99 = 2.3263478740408408;

    private LatencyModel(TimeSpan fixedDelay, TimeSpan? p50, TimeSpan? p99)
    {
        FixedDelay = fixedDelay;
        P50 = p50;
        P99 = p99;
    }

    /// <summary>No added latency.</summary>
    public static LatencyModel None { get; } = new(TimeSpan.Zero, null, null);

    public TimeSpan FixedDelay { get; }

    public TimeSpan? P50 { get; }

    public TimeSpan? P99 { get; }

    public bool IsDistribution => P50 is not null;

    public static LatencyModel Fixed(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new LatencyModel(delay, null, null);
    }

    /// <summary>Log-normal with the given median and 99th percentile (<paramref name="p99"/> ≥ <paramref name="p50"/> &gt; 0).</summary>
    public static LatencyModel Distribution(TimeSpan p50, TimeSpan p99)
    {
        if (p50 <= TimeSpan.Zero || p99 < p50)
        {
            throw new ArgumentException("a latency distribution needs 0 < p50 <= p99");
        }
        return new LatencyModel(TimeSpan.Zero, p50, p99);
    }

    /// <summary>Draws one delay.</summary>
    public TimeSpan Sample(Random random)
    {
        if (!IsDistribution)
        {
            return FixedDelay;
        }
        var median = P50!.Value.TotalMilliseconds;
        var sigma = Math.Log(P99!.Value.TotalMilliseconds / median) / Z99;
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(median * Math.Exp(sigma * normal));
    }
}
