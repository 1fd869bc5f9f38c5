using System.Text;
using AkoActors.AviSim;
using AkoActors.AviSim.Audit;
using AkoActors.AviSim.Faults;
using AkoActors.KubeSim.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Harness;

/// <summary>One benchmark world: AviSim and KubeSim in this process, controller replicas as processes, a KubernetesClient
/// to drive changes through the API, and the observers that read the outcome (AviSim's audit log and state, KubeSim's
/// committed Service statuses, the replicas' /metrics and /proc memory).</summary>
public sealed class BenchWorld : IAsyncDisposable
{
    private readonly List<ReplicaProcess> _replicas = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ReplicaLaunch _launch;

    private BenchWorld(WorldOptions options, string directory, AviSimInstance avi, KubeSimServer kube, ReplicaLaunch launch, Progress progress)
    {
        Options = options;
        Directory = directory;
        Avi = avi;
        Kube = kube;
        _launch = launch;
        Progress = progress;
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigPath));
        Statuses = new ServiceStatusRecorder(kube, Workload.Namespace);
        Ingresses = new IngressStatusRecorder(kube, Workload.Namespace);
    }

    public WorldOptions Options { get; }

    public string Directory { get; }

    public AviSimInstance Avi { get; }

    public KubeSimServer Kube { get; }

    /// <summary>KubernetesClient against KubeSim: the benchmark changes the cluster only through the API.</summary>
    public IKubernetes Client { get; }

    public ServiceStatusRecorder Statuses { get; }

    /// <summary>Ingress writes and statuses as KubeSim commits them.</summary>
    public IngressStatusRecorder Ingresses { get; }

    public Progress Progress { get; }

    public IReadOnlyList<ReplicaProcess> Replicas => _replicas;

    public IEnumerable<ReplicaProcess> Running => _replicas.Where(r => !r.Stopped && !r.HasExited);

    public AuditLog Audit => Avi.Simulator.Audit;

    /// <summary>AviSim's latency model and concurrency cap, as printed next to every figure.</summary>
    public string AviFaultDescription => Describe(Avi.Simulator.Faults);

    public static async Task<BenchWorld> StartAsync(WorldOptions options, string directory, Progress progress)
    {
        System.IO.Directory.CreateDirectory(directory);
        var avi = await AviSimServer.StartAsync(new AviSimOptions
        {
            HttpPort = 0, HttpsPort = 0, DnsPort = null, Profile = SimulationAviProfile.Create(), RandomSeed = 1,
        });
        avi.Simulator.Faults.Latency = options.AviLatency > TimeSpan.Zero ? LatencyModel.Fixed(options.AviLatency) : LatencyModel.None;
        avi.Simulator.Faults.MaxConcurrentRequests = options.AviConcurrency;
        var kube = await KubeSimServer.StartAsync(new KubeSimOptions { Port = 0, KubeconfigPath = Path.Combine(directory, "kubeconfig") });

        var caPath = Path.Combine(directory, "avi-ca.pem");
        await File.WriteAllTextAsync(caPath, avi.HttpsCertificatePem);
        var valuesPath = Path.Combine(directory, "values.yaml");
        await File.WriteAllTextAsync(valuesPath, ReplicaValuesFile.Yaml(Workload.ClusterName, options.ReplicaLogLevel, options.ShardSize, options.FullSyncSeconds));
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.ReplicaGc == "workstation") extra["DOTNET_gcServer"] = "0";
        var launch = new ReplicaLaunch(options.Dotnet, options.HostDll, valuesPath, kube.KubeconfigPath, avi.HttpsUrl!, caPath,
            avi.Credentials!.Username, avi.Credentials.Password, extra);
        var world = new BenchWorld(options, directory, avi, kube, launch, progress);
        await world.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Workload.Namespace } });
        progress.Say($"AviSim at {avi.HttpsUrl} ({world.AviFaultDescription}), KubeSim at {kube.Url}; files in {directory}");
        return world;
    }

    /// <summary>Starts <paramref name="count"/> replicas and waits until all are ready. When no replica runs, the first one
    /// forms the cluster and the others are started once its remoting port listens: with static seeds, a replica that
    /// asks a seed which is not listening yet retries only after Akka's seed-node timeout (5 s), a delay of this harness's
    /// seed wiring (in a cluster, discovery bootstraps instead), not of the controller.</summary>
    public async Task<TimeSpan> StartReplicasAsync(int count, TimeSpan timeout)
    {
        var started = DateTimeOffset.UtcNow;
        var fresh = new List<ReplicaProcess>();
        if (count > 0 && !Running.Any())
        {
            var first = StartReplica();
            fresh.Add(first);
            await Poll.UntilAsync(() => first.HasExited || Listening(first.AkkaPort), $"{first.Id}'s remoting port {first.AkkaPort}", timeout,
                TimeSpan.FromMilliseconds(20));
        }
        while (fresh.Count < count) fresh.Add(StartReplica());
        await WaitReadyAsync(fresh, timeout);
        return DateTimeOffset.UtcNow - started;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Starts one replica; it joins the cluster of the running ones, or forms a new one when none runs.</summary>
    public ReplicaProcess StartReplica()
    {
        var index = _replicas.Count;
        var id = $"replica-{index}";
        var seed = Running.FirstOrDefault()?.AkkaAddress;
        var replica = ReplicaProcess.Start(_launch, id, ReplicaProcess.FreePort(), ReplicaProcess.FreePort(), seed is null ? [] : [seed],
            Path.Combine(Directory, $"{id}.log"));
        _replicas.Add(replica);
        Progress.Say($"started {id} (pid {replica.Pid}, akka {replica.AkkaPort}, http {replica.HttpPort}{(seed is null ? ", forms the cluster" : ", seed " + seed)})");
        return replica;
    }

    public Task WaitReadyAsync(IReadOnlyCollection<ReplicaProcess> replicas, TimeSpan timeout) =>
        ReplicaProcess.WaitAllReadyAsync(replicas, _http, timeout, TimeSpan.FromMilliseconds(50));

    /// <summary>One scrape of every running replica's /metrics.</summary>
    public async Task<Dictionary<string, PrometheusSnapshot>> ScrapeAsync()
    {
        var result = new Dictionary<string, PrometheusSnapshot>(StringComparer.Ordinal);
        foreach (var replica in Running)
        {
            try
            {
                result[replica.Id] = await replica.ScrapeAsync(_http, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                result[replica.Id] = PrometheusSnapshot.Empty;
            }
        }
        return result;
    }

    /// <summary>Sum of a metric over every running replica.</summary>
    public async Task<double> SumAsync(string metric, params (string Label, string Value)[] match) =>
        (await ScrapeAsync()).Values.Sum(s => s.Sum(metric, match));

    /// <summary>Waits until the controller has been quiet: no Avi request answered and no Service or Ingress written for
    /// <paramref name="quiet"/> (an idle system before measuring).</summary>
    public async Task WaitQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var lastRequests = Avi.Simulator.Stats.Requests;
        var lastWrites = Statuses.Writes + Ingresses.Writes;
        var since = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() =>
        {
            var requests = Avi.Simulator.Stats.Requests;
            var writes = Statuses.Writes + Ingresses.Writes;
            if (requests != lastRequests || writes != lastWrites)
            {
                lastRequests = requests;
                lastWrites = writes;
                since = DateTimeOffset.UtcNow;
                return Task.FromResult(false);
            }
            return Task.FromResult(DateTimeOffset.UtcNow - since >= quiet);
        }, $"the controller to be quiet for {quiet.TotalSeconds:0.#}s", timeout, TimeSpan.FromMilliseconds(20));
    }

    /// <summary>Waits until no shard rebalance has started for <paramref name="quiet"/>: the coordinator logs "Starting
    /// rebalance for shards" each time it moves shards (at most every rebalance-interval, 2 s as shipped). Shards allocated
    /// while one replica was alone (the start-up sweep starts every shared VS entity there) are otherwise still moving, one
    /// or two per interval, when a measurement starts. Returns how many rebalances were seen while waiting.</summary>
    public async Task<int> WaitShardsSettledAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var first = RebalancesLogged();
        var last = first;
        var since = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() =>
        {
            var now = RebalancesLogged();
            if (now != last)
            {
                last = now;
                since = DateTimeOffset.UtcNow;
                return false;
            }
            return DateTimeOffset.UtcNow - since >= quiet;
        }, $"no shard rebalance for {quiet.TotalSeconds:0.#}s", timeout, TimeSpan.FromMilliseconds(200));
        return last - first;
    }

    /// <summary>"Starting rebalance for shards" lines in the running replicas' logs so far (the shard coordinator's moves).</summary>
    public int RebalancesLogged() => Running.Sum(r =>
    {
        try
        {
            using var stream = new FileStream(r.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var count = 0;
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains("Starting rebalance for shards", StringComparison.Ordinal)) count++;
            }
            return count;
        }
        catch (IOException)
        {
            return 0;
        }
    });

    /// <summary>Creates objects through the API with bounded parallelism (a CI pipeline applying manifests).</summary>
    public async Task CreateAllAsync<T>(IReadOnlyList<T> items, Func<T, Task> create, int parallelism = 8)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await create(item);
                    return;
                }
                catch (HttpOperationException e) when (attempt < 5 && (int?)e.Response?.StatusCode is 429 or >= 500)
                {
                    await Task.Delay(100 * attempt);
                }
            }
        });
    }

    /// <summary>The address a vsvip on AviSim was given, or null when it does not exist (or has none yet).</summary>
    public string? VsVipAddress(string vsvip) =>
        Avi.Simulator.FindObject("vsvip", vsvip)?["vip"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } vips
            ? vips[0]?["ip_address"]?["addr"]?.GetValue<string>()
            : null;

    /// <summary>The servers (ip addresses) of a pool on AviSim, or null when the pool does not exist.</summary>
    public IReadOnlyList<string>? PoolServers(string pool)
    {
        var json = Avi.Simulator.FindObject("pool", pool);
        if (json is null) return null;
        return json["servers"] is System.Text.Json.Nodes.JsonArray servers
            ? servers.Select(s => s!["ip"]!["addr"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            try
            {
                if (!replica.HasExited) await replica.StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException e)
            {
                Progress.Say(e.Message);
            }
            replica.Dispose();
        }
        Statuses.Dispose();
        Ingresses.Dispose();
        Client.Dispose();
        _http.Dispose();
        await Kube.DisposeAsync();
        await Avi.DisposeAsync();
    }

    public static string Describe(FaultInjector faults)
    {
        var latency = faults.Latency;
        var model = latency.IsDistribution
            ? $"log-normal p50 {latency.P50!.Value.TotalMilliseconds:0} ms / p99 {latency.P99!.Value.TotalMilliseconds:0} ms"
            : latency.FixedDelay == TimeSpan.Zero ? "latency 0 ms" : $"latency fixed {latency.FixedDelay.TotalMilliseconds:0} ms";
        var cap = faults.MaxConcurrentRequests == 0 ? "no concurrency cap" : $"concurrency cap {faults.MaxConcurrentRequests}";
        return $"AviSim {model}, {cap}";
    }

}

/// <summary>What a world is started with.</summary>
public sealed record WorldOptions
{
    public required string Dotnet { get; init; }

    public required string HostDll { get; init; }

    public TimeSpan AviLatency { get; init; }

    public int AviConcurrency { get; init; } = 16;

    public string ReplicaLogLevel { get; init; } = "INFO";

    /// <summary>AKOSettings.fullSyncFrequency (seconds between sweeps); null = the default (1800).</summary>
    public int? FullSyncSeconds { get; init; }

    /// <summary>"server" (as the host is built) or "workstation" (DOTNET_gcServer=0).</summary>
    public string ReplicaGc { get; init; } = "server";

    /// <summary>L7Settings.shardVSSize: how many shared L7 VSes Ingress hosts spread over (LARGE 8, MEDIUM 4, SMALL 1).</summary>
    public string ShardSize { get; init; } = "SMALL";
}
