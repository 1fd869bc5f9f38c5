using AkoActors.Domain.Kubernetes;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;
using Akka.Remote.Hosting;
using AkoActors.Actors.HostRules;
using AkoActors.Actors.HttpRules;
using AkoActors.Actors.L4Rules;
using AkoActors.Actors.RuleResources;
using AkoActors.Actors.InfraSettings;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.Sharding;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Actors.Sweeping;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Leases;
using AkoActors.Kubernetes.Snapshots;
using AkoActors.Kubernetes.Writing;
using k8s;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Serilog;
using Serilog.Core;

namespace AkoActors.Hosting;

/// <summary>Composes one controller replica: Avi client, informers, Kubernetes writer, the Akka cluster with its shards and
/// per-replica actors, and the /healthz, /readyz and /metrics endpoints.</summary>
/// <remarks>The same composition serves production, the demo, the benchmarks and the in-process multi-replica tests.</remarks>
public static class ControllerHost
{
    public static WebApplication Build(ControllerHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var level = new LoggingLevelSwitch(ControllerLogging.LevelOf(options.LogLevel));
        builder.Services.AddSingleton(level);
        var logger = ControllerLogging.Create(level, options.JsonLogs, options.ReplicaId);
        builder.Services.AddSingleton(new ReplicaLogger(logger));
        builder.Services.AddSerilog(logger, dispose: true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.HttpOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback, options.HttpPort);
            if (options.Formation is ClusterFormation.KubernetesDiscovery discovery)
            {
                kestrel.Listen(IPAddress.Parse(discovery.PodIp), discovery.ManagementPort);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        AddServices(builder.Services, options);
        builder.Services.AddAkka(options.ActorSystemName, (akka, _) => ConfigureAkka(akka, options));

        var app = builder.Build();
        MapEndpoints(app);
        if (options.Formation is ClusterFormation.KubernetesDiscovery contactPoint)
        {
            app.MapGet(BootstrapContactPoint.Path, (ActorSystem system) => Results.Text(BootstrapContactPoint.SeedNodesJson(system), "application/json"))
                .RequireHost($"*:{contactPoint.ManagementPort}");
        }
        return app;
    }

    /// <summary>How long a stopping replica may take to leave its cluster and hand its shards over.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The address the health and metrics endpoints listen on, once started.</summary>
    public static string? HttpAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    private static void AddServices(IServiceCollection services, ControllerHostOptions options)
    {
        var ownership = new AviOwnership(options.Settings.ClusterName);
        services.AddSingleton(options);
        services.AddSingleton(options.Retry);
        services.AddSingleton(options.Informers with { CniPlugin = options.Settings.CniPlugin });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ControllerMetrics>();
        services.AddSingleton<ReadyMembers>();
        services.AddSingleton(sp =>
        {
            var cache = sp.GetRequiredService<ClusterCache>();
            return new ControllerRuntime(options.Settings, options.ReplicaId)
            {
                ClusterStateSynced = () => cache.IsSynced,
                ClusterLeaseRequired = options.ClusterLease,
            };
        });
        services.AddSingleton(sp => new AviConnection(
            options.Avi with { ReplicaId = options.ReplicaId }, options.AviCredentials, sp.GetRequiredService<ControllerMetrics>()));
        services.AddSingleton(sp => new AviRestClient(sp.GetRequiredService<AviConnection>(), options.Avi.PageSize));
        services.AddSingleton(sp => new AviGateway(sp.GetRequiredService<AviRestClient>(), ownership, new KubernetesTlsKeySource(sp.GetRequiredService<IKubernetes>())));
        services.AddSingleton<IAviGateway>(sp => new BatchingAviGateway(sp.GetRequiredService<AviGateway>()));
        services.AddSingleton<IAviInventory>(sp => sp.GetRequiredService<AviGateway>());
        services.AddSingleton<IAviObjectLookup>(sp => new AviObjectLookup(sp.GetRequiredService<AviRestClient>()));
        services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(options.Kubernetes));
        services.AddSingleton<ClusterCache>();
        services.AddSingleton<IClusterState>(sp => sp.GetRequiredService<ClusterCache>());
        services.AddSingleton(sp => new KubernetesWriterOptions
        {
            ReplicaId = options.ReplicaId,
            NormalEventsEnabled = () => sp.GetRequiredService<ControllerRuntime>().EnableEvents,
        });
        services.AddSingleton<IKubernetesWriter, KubernetesWriter>();
        services.AddSingleton<ICustomResourceStatusWriter, CustomResourceStatusWriter>();
        services.AddSingleton<IClusterLeaseStore>(sp => new KubernetesClusterLeaseStore(
            sp.GetRequiredService<IKubernetes>(), options.ControllerNamespace, ClusterLeaseName(options.Settings.ClusterName)));
        services.AddHostedService<ClusterCacheService>();
        services.AddHostedService<LiveSettingsService>();
        services.AddHostedService<AviCredentialsService>();
        services.AddSingleton(options.Recovery);
        services.AddHostedService<UnsupportedSettingsReporter>();
    }

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, ControllerHostOptions options)
    {
        akka.AddHocon(HoconFiles.Load(HoconFiles.Controller), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = options.LogLevel.ToUpperInvariant() == "DEBUG" ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                // Akka events keep their message templates (named properties; Akka formats them semantically by
                // default) and their log source (the entity).
                loggers.AddLogger<SerilogAkkaLogger>();
            });

        switch (options.Formation)
        {
            case ClusterFormation.StaticSeeds seeds:
                // No seed nodes in the options: Akka would join at once. The replica joins when it is ready (see
                // ClusterJoinActor). With seeds, Akka's seed-node process joins an existing cluster through any live seed
                // (the same list for every replica, itself included, never forms a second cluster); with none, it
                // starts a cluster of its own.
                akka.WithRemoting(seeds.Hostname, seeds.Port, seeds.PublicPort is null ? null : seeds.Hostname, seeds.PublicPort)
                    .WithClustering(new ClusterOptions { Roles = ["ako"] })
                    .WithActors((system, _, resolver) => system.ActorOf(ClusterJoinActor.PropsFor(
                        resolver.GetService<ControllerRuntime>(),
                        cluster =>
                        {
                            if (seeds.SeedNodes.Count == 0) cluster.Join(cluster.SelfAddress);
                            else cluster.JoinSeedNodes(seeds.SeedNodes.Select(Address.Parse));
                        }), "cluster-join"));
                break;
            case ClusterFormation.KubernetesDiscovery discovery:
                // Bind and advertise the pod IP: other pods cannot resolve this pod's host name, and bootstrap recognises
                // itself among the listed pods by the management address (the lowest address forms a new cluster).
                akka.WithRemoting(remote => { remote.HostName = discovery.PodIp; remote.PublicHostName = discovery.PodIp; remote.Port = discovery.RemotingPort; })
                    .WithClustering(new ClusterOptions { Roles = ["ako"] })
                    // Management settings only (bootstrap probes the other pods on this port); its HTTP server is not
                    // started: this host serves the contact point (BootstrapContactPoint says why).
                    .WithAkkaManagement(management =>
                    {
                        management.Http.HostName = discovery.PodIp;
                        management.Http.Port = discovery.ManagementPort;
                    })
                    .WithClusterBootstrap(bootstrap =>
                    {
                        bootstrap.ContactPointDiscovery.RequiredContactPointsNr = discovery.RequiredContactPoints;
                        bootstrap.ContactPointDiscovery.ServiceName = "ako-actors";
                        bootstrap.ContactPointDiscovery.ContactWithAllContactPoints = true;
                        // Every pod serves its contact point on the same port (a pod template's port).
                        bootstrap.ContactPoint.FallbackPort = discovery.ManagementPort;
                    }, autoStart: false)
                    .AddHocon(KubernetesPodDiscovery.Hocon(discovery), HoconAddMode.Prepend)
                    .AddStartup((system, _) => BootstrapContactPoint.StartBootstrapAsync(system, discovery));
                break;
        }

        akka.WithActors((system, _, resolver) =>
            {
                var runtime = resolver.GetService<ControllerRuntime>();
                var cache = resolver.GetService<ClusterCache>();
                var avi = resolver.GetService<AviConnection>();
                var time = resolver.GetService<TimeProvider>();
                system.ActorOf(ReadinessPublisherActor.PropsFor(
                    () => WorkProblems(runtime, cache, avi, options, time).FirstOrDefault(), resolver.GetService<ReadyMembers>()), "readiness");
            })
            .AddServiceShard()
            .AddIngressShard()
            .AddSharedVsShard()
            .AddRuleResourceShard(HostRuleKind.Instance)
            .AddRuleResourceShard(HttpRuleKind.Instance)
            .AddRuleResourceShard(L4RuleKind.Instance)
            .AddRuleResourceShard(AviInfraSettingKind.Instance)
            .AddVrfShard()
            .AddNodeRouteShard()
            .AddClusterChangeRouter()
            .AddAviEnvironmentProbe()
            .AddControllerRecovery()
            .AddAviSweeper();
        if (options.ClusterLease)
        {
            akka.WithActors((system, _, resolver) => system.ActorOf(ClusterLeaseActor.PropsFor(
                resolver.GetService<IClusterLeaseStore>(), resolver.GetService<ControllerRuntime>(), resolver.GetService<IKubernetesWriter>(),
                KubeObjectRef.Lease(options.ControllerNamespace, ClusterLeaseName(options.Settings.ClusterName)), options.Lease), "cluster-lease"));
        }
    }

    /// <summary>The cluster Lease's name: a DNS subdomain derived from the clusterName.</summary>
    public static string ClusterLeaseName(string clusterName)
    {
        var cleaned = new string(clusterName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return $"ako-actors-{(cleaned.Length == 0 ? "cluster" : cleaned)}";
    }

    private static TimeSpan? KubernetesFailingFor(ClusterCache cache, TimeProvider time) =>
        cache.FailingSince is { } since ? time.GetUtcNow() - since : null;

    /// <summary>Failed controller requests in a row after which the replica reports itself not ready.</summary>
    public const int UnreachableAfterFailures = 3;

    /// <summary>Why this replica cannot do the work now (empty when it can): the Kubernetes API failing past its bound,
    /// informers not listed, the Avi Controller not usable or unreachable. /readyz reports them, and sharding gives owners
    /// only to replicas without any (<see cref="ReadyMembersAllocationStrategy"/>).</summary>
    private static List<string> WorkProblems(ControllerRuntime runtime, ClusterCache cache, AviConnection avi, ControllerHostOptions options, TimeProvider time)
    {
        var problems = new List<string>();
        if (KubernetesFailingFor(cache, time) is { } failing && failing >= options.KubernetesUnreadyAfter)
        {
            problems.Add($"the Kubernetes API has failed every list and watch for {failing.TotalSeconds:0} s; changes made meanwhile are not seen");
        }
        if (!cache.IsSynced) problems.Add("Kubernetes informers have not listed everything yet");
        if (runtime.Context is null) problems.Add($"Avi Controller not usable yet: {runtime.LastEnvironmentError ?? "still checking"}");
        if (avi.ConsecutiveFailures >= UnreachableAfterFailures)
        {
            problems.Add($"Avi Controller unreachable: {avi.ConsecutiveFailures} requests in a row failed, the last with {avi.LastFailure}; retrying with backoff");
        }
        return problems;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", (ActorSystem system, ClusterCache cache, ControllerHostOptions options, TimeProvider time) =>
        {
            if (system.WhenTerminated.IsCompleted) return Results.Text("actor system terminated\n", statusCode: 503);
            return KubernetesFailingFor(cache, time) is { } failing && failing >= options.KubernetesUnhealthyAfter
                ? Results.Text($"the Kubernetes API has failed every list and watch for {failing.TotalSeconds:0} s (limit {options.KubernetesUnhealthyAfter.TotalSeconds:0} s); restart me\n", statusCode: 503)
                : Results.Text("ok\n");
        });

        app.MapGet("/readyz", (ActorSystem system, ControllerRuntime runtime, ClusterCache cache, AviConnection avi, ControllerHostOptions options, TimeProvider time) =>
        {
            var problems = WorkProblems(runtime, cache, avi, options, time);
            if (runtime.ClusterLeaseRequired && runtime.ClusterLeaseProblem is { } lease) problems.Add($"not writing: {lease}");
            if (Cluster.Get(system).SelfMember.Status != MemberStatus.Up) problems.Add($"cluster member is {Cluster.Get(system).SelfMember.Status}, not Up");
            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text(string.Join("\n", problems) + "\n", statusCode: 503);
        });

        app.MapGet("/metrics", async (HttpContext http, ControllerMetrics metrics, AviConnection avi, ReadyMembers ready, ActorSystem system) =>
        {
            metrics.QueueDepth.Set(avi.Gate.Waiting);
            metrics.InFlight.Set(avi.Gate.InFlight);
            metrics.ReadyMembers.Set(Akka.Cluster.Cluster.Get(system).State.Members.Count(member => ready.Contains(member.UniqueAddress)));
            http.Response.ContentType = "text/plain; version=0.0.4";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
    }
}
