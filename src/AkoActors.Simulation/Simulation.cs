using System.Diagnostics;
using AkoActors.AviSim;
using AkoActors.KubeSim.Hosting;
using AkoActors.Simulation.Faults;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Network;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.Simulation;

/// <summary>The whole controller under test on one machine: KubeSim and AviSim in this process, N controller replicas as
/// processes (real Akka cluster and sharding, real Avi and Kubernetes client code) whose remoting passes through proxies
/// the simulation owns, a workload of Services and Ingresses, faults on every side, and the invariants checked from
/// AviSim's audit log and state and KubeSim's objects.</summary>
/// <remarks>Replicas are processes, not actor systems inside this one: a SIGKILL is then a real one (no finalizers, no
/// coordinated shutdown, sockets reset by the kernel), each replica has its own GC, Serilog and Prometheus registries, and
/// its memory is measurable from /proc — the benchmark harness has run replicas this way since its first scenario.</remarks>
public sealed class Simulation : IAsyncDisposable
{
    private readonly List<SimulatedReplica> _replicas = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ReplicaLaunch _launch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<int> _heldDown = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _timedHeals = [];
    private Task? _monitor;

    private Simulation(SimulationOptions options, string directory, AviSimInstance avi, KubeSimServer kube, ReplicaLaunch launch)
    {
        Options = options;
        Directory = directory;
        Avi = avi;
        Kube = kube;
        _launch = launch;
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigPath));
        AviFaults = new AviFaults(avi.Simulator, Say);
        KubeFaults = new KubeFaults(() => Kube, RestartKubernetesApiAsync, Say);
        Workload = new SimulationWorkload(Client, options);
        Checker = new InvariantChecker(this);
    }

    public SimulationOptions Options { get; }

    /// <summary>The seed every random choice of this run came from; every violation names it.</summary>
    public int Seed => Options.RandomSeed;

    /// <summary>Logs, kubeconfig, values and the replicas' CA file.</summary>
    public string Directory { get; }

    public AviSimInstance Avi { get; }

    /// <summary>The Kubernetes API server (a new instance after <see cref="Faults.KubeFaults.RestartApiServerAsync"/>).</summary>
    public KubeSimServer Kube { get; private set; }

    /// <summary>A KubernetesClient against KubeSim: the simulation changes the cluster only through the API.</summary>
    public IKubernetes Client { get; }

    /// <summary>The replicas' network: partitions are made here.</summary>
    public ReplicaNetwork Network { get; } = new();

    public IReadOnlyList<SimulatedReplica> Replicas => _replicas;

    /// <summary>Latency, error rates, outages, session expiry and concurrency caps of the Avi Controller.</summary>
    public AviFaults AviFaults { get; }

    /// <summary>Watch streams cut and 410 Gone from the Kubernetes API.</summary>
    public KubeFaults KubeFaults { get; }

    /// <summary>The Services, Ingresses and EndpointSlices the run loaded, and changes to them.</summary>
    public SimulationWorkload Workload { get; }

    /// <summary>The invariants; <see cref="ConvergedWithin"/> checks them all.</summary>
    public InvariantChecker Checker { get; }

    /// <summary>The run sampled from its start (<see cref="SimulationOptions.RecordTimeline"/>); null when not asked for.</summary>
    public Reporting.RunRecorder? Timeline { get; private set; }

    /// <summary>Resident memory of a replica that owns nothing yet: the median of the first incarnations once all are ready,
    /// before the workload is loaded.</summary>
    public double? IdleResidentMiB { get; private set; }

    /// <summary>From the first object of the workload sent to the API server to the whole workload realised on the
    /// controller with every invariant holding.</summary>
    public TimeSpan InitialConvergence { get; private set; }

    /// <summary>Time since the simulation started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts the simulators and the replicas, loads the workload and waits until it is realised and every
    /// invariant holds. <c>await using var sim = await Simulation.StartAsync(o =&gt; o.Replicas(3).Services(10));</c></summary>
    public static async Task<Simulation> StartAsync(Action<SimulationOptions>? configure = null)
    {
        var options = new SimulationOptions();
        configure?.Invoke(options);
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "ako-simulation", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-seed{options.RandomSeed}-{Guid.NewGuid():N}"[..40]);
        System.IO.Directory.CreateDirectory(directory);
        var hostDll = options.HostDll ?? ReplicaExecutable.Default();
        var avi = await AviSimServer.StartAsync(new AviSimOptions
        {
            HttpPort = 0, HttpsPort = 0, DnsPort = null, Profile = SimulationAviProfile.Create(), RandomSeed = options.RandomSeed,
        });
        var kube = await KubeSimServer.StartAsync(KubeSimOptionsFor(directory, port: 0));
        var caPath = Path.Combine(directory, "avi-ca.pem");
        await File.WriteAllTextAsync(caPath, avi.HttpsCertificatePem);
        var valuesPath = Path.Combine(directory, "values.yaml");
        await File.WriteAllTextAsync(valuesPath, ReplicaValuesFile.Yaml(Workloads.Workload.ClusterName, options.ReplicaLogLevel, options.ShardSize, null));
        var launch = new ReplicaLaunch(ReplicaExecutable.Dotnet(), hostDll, valuesPath, kube.KubeconfigPath, avi.HttpsUrl!, caPath,
            avi.Credentials!.Username, avi.Credentials.Password, new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "0" });
        var simulation = new Simulation(options, directory, avi, kube, launch);
        try
        {
            simulation.Say($"seed {options.RandomSeed}: AviSim at {avi.HttpsUrl}, KubeSim at {kube.Url}; files in {directory}");
            if (options.ControllerProfile != AviControllerProfile.Instant) simulation.AviFaults.SetBaseline(options.ControllerProfile);
            if (options.TimelineInterval is { } interval) simulation.Timeline = new Reporting.RunRecorder(simulation, interval);
            await simulation.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Workloads.Workload.Namespace } });
            for (var slot = 0; slot < options.ReplicaCount; slot++) simulation._replicas.Add(new SimulatedReplica(slot, simulation.Network.AddSlot(slot)));
            await simulation.StartAllAsync(options.StartTimeout);
            var loading = simulation.Elapsed;
            await simulation.Workload.LoadAsync(simulation.Say);
            await simulation.ConvergedWithin(options.StartTimeout);
            simulation.InitialConvergence = simulation.Elapsed - loading;
            if (options.Snapshot is not null) simulation.Workload.KnowPools((await simulation.Checker.TranslatedAsync()).PoolsByService);
            var took = simulation.InitialConvergence;
            simulation.KubeFaults.Baseline = simulation.Kube.Store.WatcherCount;
            simulation.Say($"workload realised and every invariant holds after {took.TotalSeconds:0.0}s");
            return simulation;
        }
        catch
        {
            await simulation.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no goodbye, no hand-off — a crashed pod or a lost node. The slot stays down until
    /// <see cref="RestartReplica"/>.</summary>
    public async Task KillReplica(int slot)
    {
        var replica = Slot(slot);
        HoldDown(slot, true);
        if (replica.Current is { } current)
        {
            Say($"SIGKILL {current.Id} (pid {current.Pid})");
            await current.KillAsync();
            Network.Detach(current.Pid);
        }
    }

    /// <summary>SIGTERM: the replica leaves the cluster, hands its shards over and exits. The slot stays down until
    /// <see cref="RestartReplica"/>.</summary>
    public async Task StopReplica(int slot, TimeSpan? timeout = null)
    {
        var replica = Slot(slot);
        HoldDown(slot, true);
        if (replica.Current is { } current)
        {
            Say($"SIGTERM {current.Id} (pid {current.Pid})");
            await current.StopAsync(timeout ?? TimeSpan.FromSeconds(90));
            Network.Detach(current.Pid);
        }
    }

    /// <summary>Starts a new incarnation in the slot (stopping the running one gracefully first) and waits until it is ready.
    /// A replica that is partitioned cannot become ready (it cannot join); then this returns once it started.</summary>
    public async Task RestartReplica(int slot, TimeSpan? timeout = null)
    {
        var replica = Slot(slot);
        if (replica.IsRunning) await StopReplica(slot, timeout);
        HoldDown(slot, false);
        StartIncarnation(replica);
        if (Network.Isolated.Contains(slot)) return;
        // The slot's current incarnation: one that exits while starting (a port taken meanwhile) is started again.
        await Poll.UntilAsync(async () =>
        {
            if (replica.Current is not { } current) return false;
            if (!current.HasExited) return await current.IsReadyAsync(_http, CancellationToken.None);
            if (!Options.RestartsExitedReplicas) throw new InvalidOperationException($"replica {current.Id} exited; see {current.LogPath}:\n{ReplicaProcess.Tail(current.LogPath)}");
            return false;
        }, $"slot {slot}'s replica to answer /readyz 200", timeout ?? TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>One step of a rolling update: the slot's replica stops gracefully (it leaves the cluster and hands its shards
    /// over), and a new incarnation starts from <paramref name="hostDll"/> — another build of the controller — and joins
    /// the running cluster beside the replicas still on the old one. Waits until it is ready.</summary>
    public async Task UpgradeReplica(int slot, string hostDll, TimeSpan? timeout = null)
    {
        var replica = Slot(slot);
        if (!File.Exists(hostDll)) throw new FileNotFoundException($"the controller build to upgrade slot {slot} to does not exist", hostDll);
        if (replica.IsRunning) await StopReplica(slot, timeout);
        replica.HostDll = hostDll;
        Say($"rolling update: slot {slot} now runs {hostDll}");
        await RestartReplica(slot, timeout);
    }

    /// <summary>Cuts the slot off from every other replica (not from Kubernetes or the controller): its remoting connections
    /// are reset and new ones refused, both ways. With a duration, the partition heals by itself after it.</summary>
    public Task Partition(int slot, TimeSpan? duration = null)
    {
        Slot(slot);
        var cut = Network.Isolate(slot);
        Say($"partition: replica slot {slot} cut off from its peers ({cut} connections reset){(duration is { } d ? $" for {d.TotalSeconds:0.#}s" : "")}");
        if (duration is { } span)
        {
            var heal = Task.Delay(span, _stopping.Token).ContinueWith(t =>
            {
                if (!t.IsCanceled) Heal(slot);
            }, TaskScheduler.Default);
            lock (_gate)
            {
                _timedHeals.Add(heal);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes when every partition started with a duration has healed by itself.</summary>
    public Task TimedPartitionsEnded()
    {
        lock (_gate)
        {
            return Task.WhenAll(_timedHeals.ToList());
        }
    }

    /// <summary>Ends every partition (or one slot's).</summary>
    public void Heal(int? slot = null)
    {
        Network.Heal(slot);
        Say(slot is null ? "partition healed: every replica may reach every other" : $"partition of slot {slot} healed");
    }

    /// <summary>Waits until every Service and Ingress is realised on the controller exactly as Kubernetes says (pools hold
    /// the slices' endpoints, statuses carry the VIPs), then checks every invariant; throws
    /// <see cref="InvariantViolationException"/> naming the objects and the seed when the bound passes or an invariant fails.
    /// Returns how long convergence took.</summary>
    public async Task<TimeSpan> ConvergedWithin(TimeSpan timeout)
    {
        var started = Elapsed;
        var deadline = started + timeout;
        IReadOnlyList<Violation> pending = [];
        while (true)
        {
            pending = await Checker.DifferencesAsync();
            if (pending.Count == 0) break;
            if (Elapsed >= deadline)
            {
                throw new InvariantViolationException(Seed, $"not converged within {timeout.TotalSeconds:0}s (nothing lost)", pending);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        var took = Elapsed - started;
        var violations = await Checker.CheckAsync();
        if (violations.Count > 0) throw new InvariantViolationException(Seed, "an invariant does not hold", violations);
        return took;
    }

    /// <summary>A point to compare later writes against (<see cref="InvariantChecker.WritesSinceAsync"/>).</summary>
    public Task<WriteMark> MarkAsync() => Checker.MarkAsync();

    /// <summary>Services owned (an owner actor started) on the running replicas, from their /metrics
    /// (<c>ako_owned_entities{kind="service"}</c>); a replica that does not answer counts 0.</summary>
    public async Task<int> OwnedServicesAsync()
    {
        var owned = 0.0;
        foreach (var replica in Running.ToList())
        {
            try
            {
                owned += (await replica.Current!.ScrapeAsync(_http, CancellationToken.None)).Sum("ako_owned_entities", ("kind", "service"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Starting or stopping: owns nothing that can be counted.
            }
        }
        return (int)owned;
    }

    /// <summary>Waits until the running replicas own every Service of the workload (after a kill: the take-over is done).</summary>
    public Task ServicesOwnedWithin(TimeSpan timeout) =>
        Poll.UntilAsync(async () => await OwnedServicesAsync() >= Options.ServiceCount,
            $"the running replicas to own all {Options.ServiceCount} Services", timeout, TimeSpan.FromMilliseconds(200));

    /// <summary>The replicas running now.</summary>
    public IEnumerable<SimulatedReplica> Running => _replicas.Where(r => r.IsRunning);

    /// <summary>Waits until the replica of every slot that is neither held down (killed or stopped through the simulation)
    /// nor partitioned answers /readyz 200. A replica that exits by itself meanwhile (downed by the split-brain resolver)
    /// is waited for in its next incarnation, which the kubelet's part starts; with <c>KeepExitedReplicasDown()</c> it fails
    /// the wait.</summary>
    public Task ReplicasReady(TimeSpan timeout) =>
        Poll.UntilAsync(async () =>
        {
            foreach (var replica in _replicas.Where(r => !IsHeldDown(r.Slot) && !Network.Isolated.Contains(r.Slot)))
            {
                if (replica.Current is not { } current) return false;
                if (current.HasExited)
                {
                    if (!Options.RestartsExitedReplicas)
                    {
                        throw new InvalidOperationException($"replica {current.Id} exited; see {current.LogPath}:\n{ReplicaProcess.Tail(current.LogPath)}");
                    }
                    return false;
                }
                if (!await current.IsReadyAsync(_http, CancellationToken.None)) return false;
            }
            return true;
        }, "the replica of every slot not held down or partitioned to answer /readyz 200", timeout, TimeSpan.FromMilliseconds(100));

    private bool IsHeldDown(int slot)
    {
        lock (_gate)
        {
            return _heldDown.Contains(slot);
        }
    }

    /// <summary>Writes a progress line (time since start) to the log the options name.</summary>
    public void Say(string message)
    {
        var line = $"[{Elapsed.TotalSeconds,7:0.0}s] {message}";
        try
        {
            Options.Log?.Invoke(line);
        }
        catch (InvalidOperationException)
        {
            // xunit's output helper refuses lines once its test has finished; the run's files keep the story.
        }
    }

    private SimulatedReplica Slot(int slot) =>
        slot >= 0 && slot < _replicas.Count
            ? _replicas[slot]
            : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"replica slots are 0..{_replicas.Count - 1}");

    private void HoldDown(int slot, bool down)
    {
        lock (_gate)
        {
            if (down) _heldDown.Add(slot);
            else _heldDown.Remove(slot);
        }
    }

    private async Task StartAllAsync(TimeSpan timeout)
    {
        // The first replica forms the cluster; the others are started once its remoting listens (with static seeds, a
        // replica asking a seed that is not listening yet retries only after Akka's 5 s seed-node timeout).
        // Ports are picked free, then bound by the replica a moment later: on a machine running other tests another
        // process can take one in between, and the replica exits at once. The first replica is started again on other
        // ports; the others are restarted by the kubelet's part like any replica that exits by itself.
        for (var attempt = 1; ; attempt++)
        {
            var first = StartIncarnation(_replicas[0], formsCluster: true);
            await Poll.UntilAsync(() => first.HasExited || Listening(first.AkkaPort), $"{first.Id}'s remoting port {first.AkkaPort}", timeout,
                TimeSpan.FromMilliseconds(20));
            if (!first.HasExited) break;
            Network.Detach(first.Pid);
            if (attempt == 3) throw new InvalidOperationException($"replica {first.Id} exited while starting; see {first.LogPath}:\n{ReplicaProcess.Tail(first.LogPath)}");
            Say($"{first.Id} exited while starting (code {first.ExitCode}); starting it again on other ports");
        }
        foreach (var replica in _replicas.Skip(1)) StartIncarnation(replica);
        _monitor = Task.Run(RestartExitedAsync);
        await ReplicasReady(timeout);
        var idle = _replicas.Select(r => r.Current?.ReadMemory()?.ResidentMiB).OfType<double>().Order().ToList();
        if (idle.Count > 0) IdleResidentMiB = idle[idle.Count / 2];
    }

    /// <summary>Each running replica's resident memory and owned entities now (<see cref="ReplicaFootprint"/>).</summary>
    public async Task<IReadOnlyList<ReplicaFootprint>> FootprintsAsync()
    {
        var footprints = new List<ReplicaFootprint>();
        foreach (var replica in Running.ToList())
        {
            if (replica.Current is not { } current || current.ReadMemory() is not { } memory) continue;
            int owned;
            try
            {
                owned = (int)(await current.ScrapeAsync(_http, CancellationToken.None)).Sum("ako_owned_entities");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                continue;
            }
            double? perEntity = owned > 0 && IdleResidentMiB is { } idle ? Math.Max(0, memory.ResidentMiB - idle) * 1024 / owned : null;
            footprints.Add(new ReplicaFootprint(current.Id, memory.ResidentMiB, owned, perEntity));
        }
        return footprints;
    }

    private ReplicaProcess StartIncarnation(SimulatedReplica replica, bool formsCluster = false)
    {
        var id = replica.NextId;
        // Every peer slot's proxy is a seed (stable across restarts); never the slot itself, so a restarted replica joins
        // the running cluster instead of forming a second one.
        var seeds = formsCluster ? [] : _replicas.Where(r => r.Slot != replica.Slot).Select(r => r.AkkaAddress).ToList();
        var launch = replica.HostDll is { } hostDll ? _launch with { HostDll = hostDll } : _launch;
        var process = ReplicaProcess.Start(launch, id, ReplicaProcess.FreePort(), ReplicaProcess.FreePort(), seeds,
            Path.Combine(Directory, $"{id}.log"), replica.Proxy.Port);
        replica.Add(process);
        Network.Attach(replica.Slot, process.Pid, process.AkkaPort);
        Say($"started {id} (pid {process.Pid}, remoting {process.AkkaPort} behind proxy {replica.Proxy.Port}, http {process.HttpPort}{(formsCluster ? ", forms the cluster" : "")})");
        return process;
    }


    /// <summary>The kubelet's part: a replica whose process ended by itself (downed by the split-brain resolver, exit code 3)
    /// is started again as a new incarnation.</summary>
    private async Task RestartExitedAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!Options.RestartsExitedReplicas) continue;
            foreach (var replica in _replicas)
            {
                if (IsHeldDown(replica.Slot) || replica.Current is not { HasExited: true } exited || exited.Stopped) continue;
                Network.Detach(exited.Pid);
                Say($"{exited.Id} exited by itself (code {exited.ExitCode}); restarting the slot as the kubelet would");
                StartIncarnation(replica);
            }
        }
    }

    /// <summary>KubeSim as the simulation runs it: its state and serving identity kept in a snapshot file, so a restart on
    /// the same port comes back with every object, the same CA and the same token, as a restarted kube-apiserver does.</summary>
    private static KubeSimOptions KubeSimOptionsFor(string directory, int port) => new()
    {
        Port = port,
        KubeconfigPath = Path.Combine(directory, "kubeconfig"),
        SnapshotPath = Path.Combine(directory, "kubesim-state.json"),
    };

    private async Task RestartKubernetesApiAsync(TimeSpan downtime)
    {
        var port = new Uri(Kube.Url).Port;
        Say($"Kubernetes API server stopping for {downtime.TotalSeconds:0.#}s (every watch and request of the replicas fails meanwhile)");
        await Kube.DisposeAsync();
        await Task.Delay(downtime, _stopping.Token);
        Kube = await KubeSimServer.StartAsync(KubeSimOptionsFor(Directory, port));
        Say($"Kubernetes API server back at {Kube.Url} with {Kube.Store.WatcherCount} watch streams (clients reconnect by themselves)");
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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_monitor is not null) await _monitor;
        if (Timeline is not null) await Timeline.DisposeAsync();
        Network.Heal();
        // SIGKILL: nothing of the run is kept, and a graceful hand-off of every shard would only make tests slower.
        foreach (var process in _replicas.SelectMany(r => r.Incarnations))
        {
            await process.KillAsync();
            process.Dispose();
        }
        await Network.DisposeAsync();
        Client.Dispose();
        _http.Dispose();
        await Kube.DisposeAsync();
        await Avi.DisposeAsync();
        _stopping.Dispose();
    }
}
