namespace AkoActors.Simulation;

/// <summary>What a <see cref="Simulation"/> starts: how many replicas, the workload it loads, the seed every random
/// choice comes from, and where the replica executable and the run's files are. Set fluently:
/// <c>o => o.Replicas(3).Services(10).Ingresses(4).Seed(7)</c>.</summary>
public sealed class SimulationOptions
{
    public int ReplicaCount { get; private set; } = 3;

    public int ServiceCount { get; private set; } = 10;

    public int IngressCount { get; private set; }

    /// <summary>ClusterIP backend Services the Ingresses point at (Ingress i → backend i % count).</summary>
    public int BackendCount { get; private set; } = 3;

    public int EndpointsPerService { get; private set; } = 2;

    /// <summary>Nodes the workload creates (each with a pod CIDR the controller must route) beside the cluster's own (KubeSim's
    /// six seeded nodes, or a snapshot's); node churn changes only these.</summary>
    public int NodeCount { get; private set; }

    /// <summary>Every random choice of the run (fault schedules, endpoint changes) comes from this seed; violations name it.</summary>
    public int RandomSeed { get; private set; } = 1;

    /// <summary>L7Settings.shardVSSize: LARGE (8 shared VSes), MEDIUM (4), SMALL (1).</summary>
    public string ShardSize { get; private set; } = "SMALL";

    /// <summary>The replica executable (AkoActors.dll); default: the one built next to this library's repository checkout.</summary>
    public string? HostDll { get; private set; }

    /// <summary>Where logs, kubeconfig and values go; default: a fresh folder under the system temp directory.</summary>
    public string? Directory { get; private set; }

    public string ReplicaLogLevel { get; private set; } = "INFO";

    /// <summary>Restart a replica whose process ended by itself (downed by the split-brain resolver exits with code 3), as
    /// the kubelet restarts a pod. Replicas killed or stopped through the simulation stay down until restarted.</summary>
    public bool RestartsExitedReplicas { get; private set; } = true;

    /// <summary>Deadline of the start: simulators, every replica ready, the workload realised.</summary>
    public TimeSpan StartTimeout { get; private set; } = TimeSpan.FromMinutes(3);

    /// <summary>A real cluster's objects to load instead of the generated workload (<see cref="Cluster"/>); null: generated.</summary>
    public Workloads.ClusterSnapshot? Snapshot { get; private set; }

    /// <summary>The Avi Controller's latency and concurrency when nothing is wrong (default: AviSim answers at once, no cap).</summary>
    public Faults.AviControllerProfile ControllerProfile { get; private set; } = Faults.AviControllerProfile.Instant;

    /// <summary>How often the run's timeline is sampled (convergence, Avi requests, in flight); null: no timeline.</summary>
    public TimeSpan? TimelineInterval { get; private set; }

    /// <summary>Where progress lines go (default: nowhere); xunit tests pass their output helper's WriteLine.</summary>
    public Action<string>? Log { get; private set; }

    public SimulationOptions Replicas(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ReplicaCount = count;
        return this;
    }

    public SimulationOptions Services(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ServiceCount = count;
        return this;
    }

    public SimulationOptions Ingresses(int count, int backends = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(backends, 1);
        IngressCount = count;
        BackendCount = backends;
        return this;
    }

    public SimulationOptions Nodes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 4000);
        NodeCount = count;
        return this;
    }

    public SimulationOptions Endpoints(int perService)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perService, 1);
        EndpointsPerService = perService;
        return this;
    }

    public SimulationOptions Seed(int seed)
    {
        RandomSeed = seed;
        return this;
    }

    public SimulationOptions Shards(string shardVsSize)
    {
        if (shardVsSize is not ("LARGE" or "MEDIUM" or "SMALL")) throw new ArgumentException($"shardVSSize '{shardVsSize}' is not one of LARGE, MEDIUM, SMALL");
        ShardSize = shardVsSize;
        return this;
    }

    public SimulationOptions Replica(string hostDll)
    {
        HostDll = hostDll;
        return this;
    }

    public SimulationOptions In(string directory)
    {
        Directory = directory;
        return this;
    }

    public SimulationOptions LogLevel(string level)
    {
        ReplicaLogLevel = level;
        return this;
    }

    public SimulationOptions KeepExitedReplicasDown()
    {
        RestartsExitedReplicas = false;
        return this;
    }

    public SimulationOptions StartWithin(TimeSpan timeout)
    {
        StartTimeout = timeout;
        return this;
    }

    /// <summary>Loads a snapshot of a real cluster (<c>kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A
    /// -o json</c>) instead of the generated Services and Ingresses; convergence is then checked against the controller's
    /// own translation of whatever the cluster holds (<see cref="Invariants.TranslatedConvergence"/>).</summary>
    public SimulationOptions Cluster(Workloads.ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        ServiceCount = snapshot.Services.Count(s => s.Spec?.Type == "LoadBalancer");
        IngressCount = 0;
        return this;
    }

    /// <summary>The controller's measured latency and concurrency cap, as the baseline of the run.</summary>
    public SimulationOptions Controller(Faults.AviControllerProfile profile)
    {
        ControllerProfile = profile;
        return this;
    }

    /// <summary>Samples the run every <paramref name="interval"/> from the start (before the workload is loaded), with a
    /// progress line every ten samples: <see cref="Simulation.Timeline"/>.</summary>
    public SimulationOptions RecordTimeline(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        TimelineInterval = interval;
        return this;
    }

    public SimulationOptions LogTo(Action<string> log)
    {
        Log = log;
        return this;
    }

    /// <summary>How many shared L7 VSes the shard size gives.</summary>
    public uint ShardCount => ShardSize switch { "LARGE" => 8, "MEDIUM" => 4, _ => 1 };
}
