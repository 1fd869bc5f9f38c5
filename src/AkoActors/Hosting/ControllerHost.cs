using AkoActors.Domain.Kubernetes;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;
using Akka.Remote.Hosting;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Actors.Sweeping;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;
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
        builder.Services.AddSerilog(ControllerLogging.Create(level, options.JsonLogs, options.ReplicaId), dispose: true);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(options.HttpOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback, options.HttpPort));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));

        AddServices(builder.Services, options);
        builder.Services.AddAkka(options.ActorSystemName, (akka, _) => ConfigureAkka(akka, options));

        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>The address the health and metrics endpoints listen on, once started.</summary>
    public static string? HttpAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    private static void AddServices(IServiceCollection services, ControllerHostOptions options)
    {
        var ownership = new AviOwnership(options.Settings.ClusterName);
        services.AddSingleton(options);
        services.AddSingleton(options.Retry);
        services.AddSingleton(options.Informers);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ControllerMetrics>();
        services.AddSingleton(sp =>
        {
            var cache = sp.GetRequiredService<ClusterCache>();
            return new ControllerRuntime(options.Settings, options.ReplicaId) { ClusterStateSynced = () => cache.IsSynced };
        });
        services.AddSingleton(sp => new AviConnection(
            options.Avi with { ReplicaId = options.ReplicaId }, options.AviCredentials, sp.GetRequiredService<ControllerMetrics>()));
        services.AddSingleton(sp => new AviRestClient(sp.GetRequiredService<AviConnection>(), options.Avi.PageSize));
        services.AddSingleton(sp => new AviGateway(sp.GetRequiredService<AviRestClient>(), ownership));
        services.AddSingleton<IAviGateway>(sp => new BatchingAviGateway(sp.GetRequiredService<AviGateway>()));
        services.AddSingleton<IAviInventory>(sp => sp.GetRequiredService<AviGateway>());
        services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(options.Kubernetes));
        services.AddSingleton<ClusterCache>();
        services.AddSingleton<IClusterState>(sp => sp.GetRequiredService<ClusterCache>());
        services.AddSingleton(sp => new KubernetesWriterOptions
        {
            ReplicaId = options.ReplicaId,
            NormalEventsEnabled = () => sp.GetRequiredService<ControllerRuntime>().EnableEvents,
        });
        services.AddSingleton<IKubernetesWriter, KubernetesWriter>();
        services.AddHostedService<ClusterCacheService>();
        services.AddHostedService<LiveSettingsService>();
        services.AddHostedService<UnsupportedSettingsReporter>();
    }

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, ControllerHostOptions options)
    {
        akka.AddHocon(HoconFiles.Load(HoconFiles.Controller), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = options.LogLevel.ToUpperInvariant() == "DEBUG" ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });

        switch (options.Formation)
        {
            case ClusterFormation.StaticSeeds seeds:
                akka.WithRemoting(seeds.Hostname, seeds.Port)
                    .WithClustering(new ClusterOptions { Roles = ["ako"], SeedNodes = seeds.SeedNodes.ToArray() });
                if (seeds.SeedNodes.Count == 0)
                {
                    // No seeds: this replica starts a cluster of its own (its port may have been picked at bind time).
                    akka.WithActors((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
                }
                break;
            case ClusterFormation.KubernetesDiscovery discovery:
                akka.WithRemoting(options => { options.HostName = "0.0.0.0"; options.PublicHostName = Dns.GetHostName(); options.Port = discovery.RemotingPort; })
                    .WithClustering(new ClusterOptions { Roles = ["ako"] })
                    .WithAkkaManagement(management => management.Http.Port = discovery.ManagementPort)
                    .WithClusterBootstrap(bootstrap =>
                    {
                        bootstrap.ContactPointDiscovery.RequiredContactPointsNr = discovery.RequiredContactPoints;
                        bootstrap.ContactPointDiscovery.ServiceName = "ako-actors";
                    }, autoStart: true)
                    .WithKubernetesDiscovery(kubernetes =>
                    {
                        kubernetes.PodNamespace = discovery.Namespace;
                        kubernetes.PodLabelSelector = discovery.PodLabelSelector;
                    });
                break;
        }

        akka.AddServiceShard()
            .AddIngressShard()
            .AddSharedVsShard()
            .AddVrfShard()
            .AddNodeRouteShard()
            .AddClusterChangeRouter()
            .AddAviEnvironmentProbe()
            .AddAviSweeper();
    }

    /// <summary>Failed controller requests in a row after which the replica reports itself not ready.</summary>
    public const int UnreachableAfterFailures = 3;

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", (ActorSystem system) =>
            system.WhenTerminated.IsCompleted ? Results.Text("actor system terminated\n", statusCode: 503) : Results.Text("ok\n"));

        app.MapGet("/readyz", (ActorSystem system, ControllerRuntime runtime, ClusterCache cache, AviConnection avi) =>
        {
            var problems = new List<string>();
            if (!cache.IsSynced) problems.Add("Kubernetes informers have not listed everything yet");
            if (runtime.Context is null) problems.Add($"Avi Controller not usable yet: {runtime.LastEnvironmentError ?? "still checking"}");
            if (avi.ConsecutiveFailures >= UnreachableAfterFailures)
            {
                problems.Add($"Avi Controller unreachable: {avi.ConsecutiveFailures} requests in a row failed, the last with {avi.LastFailure}; retrying with backoff");
            }
            if (Cluster.Get(system).SelfMember.Status != MemberStatus.Up) problems.Add($"cluster member is {Cluster.Get(system).SelfMember.Status}, not Up");
            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text(string.Join("\n", problems) + "\n", statusCode: 503);
        });

        app.MapGet("/metrics", async (HttpContext http, ControllerMetrics metrics, AviConnection avi) =>
        {
            metrics.QueueDepth.Set(avi.Gate.Waiting);
            metrics.InFlight.Set(avi.Gate.InFlight);
            http.Response.ContentType = "text/plain; version=0.0.4";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
    }
}
