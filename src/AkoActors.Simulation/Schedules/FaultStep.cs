using System.Globalization;
using System.Text.Json.Serialization;

namespace AkoActors.Simulation.Schedules;

/// <summary>One step of a fault schedule: a fault (<see cref="FaultKind"/>) and its parameters; steps run in order, each
/// when the previous one has been applied.</summary>
/// <param name="Fault">What happens (<see cref="FaultKind"/>).</param>
/// <param name="Replica">kill, stop, restart, partition: the replica slot.</param>
/// <param name="Seconds">partition, avi-outage: how long the fault lasts; converge: the bound; churn: the changes are spread
/// evenly over this long (one batch a second) instead of made at once.</param>
/// <param name="Method">avi-errors: HTTP method or <c>*</c>.</param>
/// <param name="Type">avi-errors: Avi object type or <c>*</c>.</param>
/// <param name="Rate">avi-errors: share of matching requests that fail.</param>
/// <param name="Status">avi-errors: the status answered (default 503); avi-session-expiry: 401 or 419.</param>
/// <param name="P50Ms">avi-latency: median in milliseconds.</param>
/// <param name="P99Ms">avi-latency: 99th percentile in milliseconds.</param>
/// <param name="Requests">avi-concurrency: requests served at once.</param>
/// <param name="Changes">churn: endpoint changes to make (L4 Services and the backends of L7 hosts).</param>
/// <param name="Nodes">churn: node changes to make along with them (a Node added, deleted or given another pod CIDR).</param>
public sealed record FaultStep(
    [property: JsonPropertyName("fault")] string Fault,
    [property: JsonPropertyName("replica")] int? Replica = null,
    [property: JsonPropertyName("seconds")] double? Seconds = null,
    [property: JsonPropertyName("method")] string? Method = null,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("rate")] double? Rate = null,
    [property: JsonPropertyName("status")] int? Status = null,
    [property: JsonPropertyName("p50Ms")] double? P50Ms = null,
    [property: JsonPropertyName("p99Ms")] double? P99Ms = null,
    [property: JsonPropertyName("requests")] int? Requests = null,
    [property: JsonPropertyName("changes")] int? Changes = null,
    [property: JsonPropertyName("nodes")] int? Nodes = null)
{
    /// <summary>The problems of this step (unknown fault, missing or out-of-range parameter), each naming the fix.</summary>
    public IEnumerable<string> Problems(int replicas)
    {
        if (!FaultKind.All.Contains(Fault))
        {
            yield return $"fault '{Fault}' is not one of {string.Join(", ", FaultKind.All)}";
            yield break;
        }
        if (Fault is FaultKind.Kill or FaultKind.Stop or FaultKind.Restart or FaultKind.Partition && Replica is not { } slot)
            yield return $"{Fault} needs \"replica\": a slot from 0 to {replicas - 1}";
        if (Replica is { } r && (r < 0 || r >= replicas)) yield return $"replica {r} does not exist: slots are 0 to {replicas - 1}";
        if (Fault is FaultKind.AviOutage && Seconds is not > 0) yield return "avi-outage needs \"seconds\" > 0";
        if (Fault is FaultKind.AviErrors && Rate is not (> 0 and <= 1)) yield return "avi-errors needs \"rate\" in (0, 1]";
        if (Fault is FaultKind.AviLatency && (P50Ms is not > 0 || P99Ms is not { } p99 || p99 < P50Ms))
            yield return "avi-latency needs \"p50Ms\" > 0 and \"p99Ms\" >= p50Ms";
        if (Fault is FaultKind.AviSessionExpiry && Status is not (null or 401 or 419)) yield return "avi-session-expiry \"status\" is 401 or 419";
        if (Fault is FaultKind.AviConcurrency && Requests is not >= 0) yield return "avi-concurrency needs \"requests\" >= 0 (0 = no cap)";
        if (Fault is FaultKind.Churn && Changes is not > 0 && Nodes is not > 0) yield return "churn needs \"changes\" > 0 or \"nodes\" > 0";
        if (Changes is < 0) yield return "\"changes\" must be >= 0";
        if (Nodes is < 0) yield return "\"nodes\" must be >= 0";
        if (Fault is not FaultKind.Churn && Nodes is not null) yield return "\"nodes\" applies to churn only: move it to a churn step";
        if (Fault is FaultKind.Churn && Seconds is <= 0) yield return "churn \"seconds\" (the changes spread over that long) must be > 0";
    }

    public override string ToString() => Fault switch
    {
        FaultKind.Kill or FaultKind.Stop or FaultKind.Restart => $"{Fault} {Replica}",
        FaultKind.Partition => $"partition {Replica}{(Seconds is { } s ? $" for {s.ToString(CultureInfo.InvariantCulture)}s" : "")}",
        FaultKind.AviLatency => $"avi-latency p50 {P50Ms}ms p99 {P99Ms}ms",
        FaultKind.AviErrors => $"avi-errors {Rate:P0} of {Method ?? "*"} {Type ?? "*"} → {Status ?? 503}",
        FaultKind.AviOutage => $"avi-outage {Seconds}s",
        FaultKind.AviSessionExpiry => $"avi-session-expiry {Status ?? 401}",
        FaultKind.AviConcurrency => $"avi-concurrency {Requests}",
        FaultKind.Churn => $"churn {Changes ?? 0}{(Nodes is { } nodes ? $" + {nodes} nodes" : "")}{(Seconds is { } over ? $" over {over.ToString(CultureInfo.InvariantCulture)}s" : "")}",
        FaultKind.Converge => $"converge within {Seconds ?? 120}s",
        _ => Fault,
    };
}
