using Akka.Actor;
using Akka.Cluster;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Transport;
using AkoActors.AviSim;
using AkoActors.AviSim.Audit;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Hosting;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The whole system in one process, every part over its real protocol: KubeSim (HTTPS + watch), AviSim (HTTPS,
/// sessions, DNS) and controller replicas that join each other through Akka.Remote on loopback.</summary>
public sealed class ControllerWorld : IAsyncDisposable
{
    private readonly List<Replica> _replicas = [];
    private readonly string _stateDir = Directory.CreateTempSubdirectory("ako-e2e-").FullName;

    private ControllerWorld(AviSimInstance avi, KubeSimServer kube, AkoSettings settings)
    {
        Avi = avi;
        Kube = kube;
        Settings = settings;
        Kubectl = new KubectlRunner(kube.KubeconfigPath);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigPath));
    }

    public AviSimInstance Avi { get; }

    public KubeSimServer Kube { get; }

    public AkoSettings Settings { get; }

    public KubectlRunner Kubectl { get; }

    /// <summary>KubernetesClient against KubeSim, the same client library the controller uses.</summary>
    public IKubernetes Client { get; }

    public IReadOnlyList<Replica> Replicas => _replicas;

    public static AkoSettings SeedSettings(Func<AkoSettings, AkoSettings>? adjust = null)
    {
        var settings = new AkoSettings
        {
            ClusterName = "avi-cluster",
            VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
            ShardVsSize = ShardVsSize.Small,
            LogLevel = "INFO",
        };
        return adjust is null ? settings : adjust(settings);
    }

    /// <param name="aviUsers">Accounts AviSim accepts instead of its profile's (a test that needs a password no other
    /// text contains).</param>
    /// <param name="aviProfile">AviSim's seed profile instead of its default (more tenants, say).</param>
    public static async Task<ControllerWorld> StartAsync(
        AkoSettings? settings = null, int replicas = 1, IReadOnlyList<AviSimUser>? aviUsers = null, AkoActors.AviSim.Profiles.SeedProfile? aviProfile = null)
    {
        var avi = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = 0, DnsPort = 0, Users = aviUsers ?? [], Profile = aviProfile });
        var dir = Directory.CreateTempSubdirectory("ako-kube-").FullName;
        var kube = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0,
            KubeconfigPath = Path.Combine(dir, "kubeconfig"),
            Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) },
        });
        var world = new ControllerWorld(avi, kube, settings ?? SeedSettings());
        for (var i = 0; i < replicas; i++) await world.StartReplicaAsync($"replica-{i}");
        await world.WaitUntilReadyAsync();
        return world;
    }

    /// <summary>Starts a replica; the first one forms the cluster, later ones join it.</summary>
    public async Task<Replica> StartReplicaAsync(string id, Func<ControllerHostOptions, ControllerHostOptions>? adjust = null)
    {
        var seeds = _replicas.Where(r => !r.Stopped).Select(r => r.Address).Take(1).ToList();
        var options = new ControllerHostOptions
        {
            Settings = Settings,
            Avi = new AviClientOptions { BaseUrl = new Uri(Avi.HttpsUrl!), CertificateAuthorityPem = Avi.HttpsCertificatePem, MaxConcurrentRequests = 16 },
            AviCredentials = new AviCredentials(Avi.Credentials!.Username, Avi.Credentials.Password, null),
            Kubernetes = KubernetesClientConfiguration.BuildConfigFromConfigFile(Kube.KubeconfigPath),
            Formation = new ClusterFormation.StaticSeeds("127.0.0.1", 0, seeds),
            ReplicaId = id,
            HttpPort = 0,
            LogLevel = Environment.GetEnvironmentVariable("E2E_LOG_LEVEL") ?? "WARN",
            LiveConfigMap = ConfigMapName.AkoConfig("avi-system"),
        };
        var host = ControllerHost.Build(adjust is null ? options : adjust(options));
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var replica = new Replica(id, host, Cluster.Get(system).SelfAddress.ToString());
        _replicas.Add(replica);
        return replica;
    }

    public async Task WaitUntilReadyAsync()
    {
        foreach (var replica in _replicas.Where(r => !r.Stopped))
        {
            await Eventually.HoldsAsync(() => Task.FromResult(replica.Runtime.IsReady && replica.IsUp), $"replica {replica.Id} ready", TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Waits until the VRF holds one static route per Node: the route owner's first write has landed, so a test that
    /// counts writes from a mark taken afterwards sees only the writes its own change caused.</summary>
    public async Task WaitUntilStaticRoutesWrittenAsync()
    {
        var nodes = (await Client.CoreV1.ListNodeAsync()).Items.Count;
        await Eventually.HoldsAsync(() => Task.FromResult(
                AviObject("vrfcontext", "global")?["static_routes"] is System.Text.Json.Nodes.JsonArray routes && routes.Count == nodes),
            $"the {nodes} nodes' static routes in the VRF");
    }

    /// <summary>A world for one of AKO's CRDs: one replica started before the CRD exists (it re-lists an absent CRD every
    /// 300 ms, so it must find it on its own, as when the chart's CRDs come later), ready, its static routes written (so
    /// writes counted from a later mark are the test's own), then the chart's CRD <paramref name="crdFile"/> applied.</summary>
    public static async Task<ControllerWorld> StartWithAkoCrdAsync(string crdFile)
    {
        var world = await StartAsync(replicas: 0);
        await world.StartReplicaAsync("replica-0", options => options with
        {
            Informers = options.Informers with { AbsentResourceRecheck = TimeSpan.FromMilliseconds(300) },
        });
        await world.WaitUntilReadyAsync();
        await world.WaitUntilStaticRoutesWrittenAsync();
        var crd = Path.Combine(Deployment.RepositoryPaths.Root, "deploy", "helm", "ako-actors", "crds", crdFile);
        await world.Kubectl.SucceedAsync("apply", "-f", crd);
        return world;
    }

    /// <summary>The writes since <paramref name="mark"/> as <c>"PUT virtualservice name 200"</c>, in order.</summary>
    public List<string> WriteLinesSince(long mark) =>
        WritesSince(mark).Select(e => $"{e.Method} {e.ObjectType} {e.Name} {e.Status}").ToList();

    /// <summary>Writes the controller made since <paramref name="sequence"/> (0 = since the start).</summary>
    public IReadOnlyList<AuditEntry> WritesSince(long sequence = 0) => Avi.Simulator.Audit.Since(sequence);

    public long AuditMark => Avi.Simulator.Audit.TotalRecorded;

    public System.Text.Json.Nodes.JsonObject? AviObject(string type, string name) => Avi.Simulator.FindObject(type, name);

    private bool _kubeStopped;

    /// <summary>Takes the Kubernetes API away (every list and watch fails from now on), as an API server outage would.</summary>
    public async Task StopKubernetesApiAsync()
    {
        _kubeStopped = true;
        await Kube.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Where(r => !r.Stopped)) await replica.StopAsync();
        Kubectl.Dispose();
        Client.Dispose();
        if (!_kubeStopped) await Kube.DisposeAsync();
        await Avi.DisposeAsync();
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One running controller replica.</summary>
    public sealed class Replica(string id, WebApplication host, string address)
    {
        public string Id { get; } = id;

        public WebApplication Host { get; } = host;

        public string Address { get; } = address;

        public bool Stopped { get; private set; }

        public ControllerRuntime Runtime => Host.Services.GetRequiredService<ControllerRuntime>();

        public ControllerMetrics Metrics => Host.Services.GetRequiredService<ControllerMetrics>();

        public ActorSystem System => Host.Services.GetRequiredService<ActorSystem>();

        public bool IsUp => Cluster.Get(System).SelfMember.Status == MemberStatus.Up;

        /// <summary>Graceful stop: leaves the cluster, hands shards over, then the process-equivalent ends.</summary>
        public async Task StopAsync()
        {
            if (Stopped) return;
            Stopped = true;
            await Host.StopAsync();
            await Host.DisposeAsync();
        }
    }
}
