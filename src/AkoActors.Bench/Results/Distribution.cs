using System.Text.Json.Nodes;

namespace AkoActors.Bench.Results;

/// <summary>Order statistics of a sample (nearest-rank percentiles: every reported value was actually observed).</summary>
public sealed record Distribution(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    public static Distribution? Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return null;
        return new Distribution(sorted.Length, sorted[0], Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    /// <summary>The smallest value with at least <paramref name="q"/> of the sample at or below it.</summary>
    public static double Rank(IReadOnlyList<double> sorted, double q)
    {
        var index = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values) => Of(values)?.P50 ?? double.NaN;

    public JsonObject ToJson() => new()
    {
        ["count"] = Count, ["min"] = Round(Min), ["p50"] = Round(P50), ["p90"] = Round(P90), ["p99"] = Round(P99), ["max"] = Round(Max), ["mean"] = Round(Mean),
    };

    private static double Round(double value) => Math.Round(value, 3);
}
