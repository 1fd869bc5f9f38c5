using AkoActors.Avi.Transport;
using Prometheus;

namespace AkoActors.Actors.Metrics;

/// <summary>The replica's Prometheus metrics, in a registry of its own so several replicas in one test process stay apart.</summary>
public sealed class ControllerMetrics : IAviCallObserver
{
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter _aviCalls;
    private readonly Histogram _aviCallDuration;
    private readonly Counter _clusterChanges;
    private readonly Counter _reconciles;
    private readonly Histogram _reconcileDuration;
    private readonly Gauge _ownedEntities;
    private readonly Counter _statusWrites;
    private readonly Counter _sweeps;

    public ControllerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _aviCalls = factory.CreateCounter("ako_avi_calls_total", "Avi Controller REST calls by verb, object type and HTTP status (0 = no response).",
            "verb", "type", "status");
        _aviCallDuration = factory.CreateHistogram("ako_avi_call_duration_seconds", "Avi Controller REST call latency.",
            new HistogramConfiguration { LabelNames = ["verb"], Buckets = LatencyBuckets });
        _clusterChanges = factory.CreateCounter("ako_cluster_events_processed_total", "Kubernetes change notices routed to entities, by kind.", "kind");
        _reconciles = factory.CreateCounter("ako_reconciles_total", "Reconciles finished, by entity kind and result.", "kind", "result");
        _reconcileDuration = factory.CreateHistogram("ako_reconcile_duration_seconds",
            "Time from a change notice to the Avi tree converged (includes queueing and retries).",
            new HistogramConfiguration { LabelNames = ["kind"], Buckets = LatencyBuckets });
        _ownedEntities = factory.CreateGauge("ako_owned_entities", "Entities hosted by this replica, by kind.", "kind");
        _statusWrites = factory.CreateCounter("ako_status_writes_total", "Load-balancer status patches, by kind and result.", "kind", "result");
        _sweeps = factory.CreateCounter("ako_sweeps_total", "Sweeps of the controller's owned objects, by result.", "result");
        QueueDepth = factory.CreateGauge("ako_avi_request_queue_depth", "Avi requests waiting for a free slot on this replica.");
        InFlight = factory.CreateGauge("ako_avi_requests_in_flight", "Avi requests in flight from this replica.");
        ReadyMembers = factory.CreateGauge("ako_ready_members",
            "Members of the cluster this replica sees ready to host owners: sharding allocates only to them (the shard coordinator's replica decides with its own view).");
    }

    public CollectorRegistry Registry { get; }

    public Gauge QueueDepth { get; }

    public Gauge InFlight { get; }

    public Gauge ReadyMembers { get; }

    public void Completed(string verb, string objectType, int status, TimeSpan duration)
    {
        _aviCalls.WithLabels(verb, objectType, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _aviCallDuration.WithLabels(verb).Observe(duration.TotalSeconds);
    }

    public void ClusterChange(string kind) => _clusterChanges.WithLabels(kind).Inc();

    public void Reconciled(string kind, string result, TimeSpan duration)
    {
        _reconciles.WithLabels(kind, result).Inc();
        if (result == "converged") _reconcileDuration.WithLabels(kind).Observe(duration.TotalSeconds);
    }

    public void EntityStarted(string kind) => _ownedEntities.WithLabels(kind).Inc();

    public void EntityStopped(string kind) => _ownedEntities.WithLabels(kind).Dec();

    public void StatusWritten(string kind, bool succeeded) => _statusWrites.WithLabels(kind, succeeded ? "ok" : "error").Inc();

    public void Swept(bool succeeded) => _sweeps.WithLabels(succeeded ? "ok" : "error").Inc();

    /// <summary>Reconciles finished so far with this kind and result (for progress output and tests).</summary>
    public double ReconcileCount(string kind, string result) => _reconciles.WithLabels(kind, result).Value;

    public double SweepCount => _sweeps.WithLabels("ok").Value;

    /// <summary>Entities of this kind hosted here right now.</summary>
    public double OwnedEntities(string kind) => _ownedEntities.WithLabels(kind).Value;

    /// <summary>Total Avi calls seen so far (for progress output and tests).</summary>
    public double AviCallCount => _aviCalls.GetAllLabelValues().Sum(labels => _aviCalls.WithLabels(labels).Value);
}
