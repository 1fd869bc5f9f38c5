using AkoActors.Domain.Kubernetes;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Sweeping;

/// <summary>Reads everything this cluster owns on the controller (paged lists) and tells each tree's owner what was found.</summary>
/// <remarks>
/// This is how trees of objects deleted while no replica was watching get removed, and how drift made by hand on the
/// controller gets repaired: owners compare the stamps and re-read only what differs. It runs once in the whole cluster
/// (a sharded daemon process with one instance, moved by sharding when its replica goes), at start and every
/// fullSyncFrequency. A sweep that fails part-way sends nothing: a partial read never leads to a deletion.
/// </remarks>
public sealed class AviSweeperActor : ReceiveActor, IWithTimers
{
    private static readonly string[] SweptTypes =
    [
        AviObjectTypes.VirtualService, AviObjectTypes.VsVip, AviObjectTypes.L4PolicySet, AviObjectTypes.Pool,
        AviObjectTypes.PoolGroup, AviObjectTypes.HttpPolicySet, AviObjectTypes.SslKeyAndCertificate, AviObjectTypes.VsDataScriptSet,
    ];

    private readonly IAviInventory _inventory;
    private readonly IClusterState _cluster;
    private readonly ControllerRuntime _runtime;
    private readonly IActorRef _services;
    private readonly ControllerMetrics _metrics;
    private readonly IActorRef _sharedVses;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _sweeping;
    /// <summary>Cancels a sweep's reads when the sweeper stops (hand-off, shutdown).</summary>
    private readonly CancellationTokenSource _stopping = new();

    public AviSweeperActor(
        IAviInventory inventory, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics, IActorRef services, IActorRef sharedVses)
    {
        _sharedVses = sharedVses;
        _metrics = metrics;
        _inventory = inventory;
        _cluster = cluster;
        _runtime = runtime;
        _services = services;

        Receive<Sweep>(_ => StartSweep());
        Receive<SweepRead>(OnSweepRead);
        Receive<Status.Failure>(failure =>
        {
            _sweeping = false;
            _metrics.Swept(false);
            var error = failure.Cause is AviApiException api ? api.Error.ToString() : failure.Cause.Message;
            _log.Warning("Sweep of the controller failed ({AviError}); nothing was changed, retrying in 30s", error);
            Timers.StartSingleTimer("sweep", Sweep.Instance, TimeSpan.FromSeconds(30));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(
        IAviInventory inventory, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics, IActorRef services, IActorRef sharedVses) =>
        Props.Create(() => new AviSweeperActor(inventory, cluster, runtime, metrics, services, sharedVses));

    protected override void PreStart() => Self.Tell(Sweep.Instance);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void StartSweep()
    {
        if (_sweeping) return;
        if (!_runtime.MayWrite)
        {
            Timers.StartSingleTimer("sweep", Sweep.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        _sweeping = true;
        var context = _runtime.CallContext("sweep");
        ReadAllAsync(context).PipeTo(Self, success: states => new SweepRead(states));

        async Task<List<AviObjectState>> ReadAllAsync(AkoActors.Avi.Transport.AviCallContext callContext)
        {
            var all = new List<AviObjectState>();
            foreach (var type in SweptTypes)
            {
                all.AddRange(await _inventory.ReadOwnedAsync(type, callContext, _stopping.Token).ConfigureAwait(false));
            }
            return all;
        }
    }

    private void OnSweepRead(SweepRead read)
    {
        _sweeping = false;
        var l7 = read.States.Where(s => SharedVsOf(s.Spec) is not null).ToList();
        // Objects of an AviInfraSetting's VSes whose setting is gone (and with it their shard count) belong to no L4 tree either.
        var ofUnknownSetting = read.States.Where(s => AviOwnership.InfraSettingOf(s.Spec) is not null).Except(l7);
        var byOwner = GroupByService(read.States.Except(l7).Except(ofUnknownSetting).ToList());
        foreach (var (key, objects) in byOwner)
        {
            _services.Tell(new ServiceProtocol.Observed(key, objects.ToArray()));
        }
        var byShard = l7.GroupBy(s => SharedVsOf(s.Spec)!).ToDictionary(g => g.Key, g => g.Select(s => new ObservedObject(s.Ref, s.LastModified)).ToArray());
        // Every shard VS of the configured size is told, even with nothing found: it rebuilds its contributions from the
        // cache, so a lost Ingress message is repaired here at the latest.
        foreach (var vsName in SharedVirtualServiceNames().Union(byShard.Keys))
        {
            _sharedVses.Tell(new SharedVsProtocol.Observed(new ShardVsKey(_runtime.Settings.TenantName, vsName), byShard.GetValueOrDefault(vsName) ?? []));
        }
        // Owners with nothing on the controller yet still get a nudge, in case a notice was lost.
        var nudged = 0;
        foreach (var key in _cluster.ServiceKeys().Where(k => !byOwner.ContainsKey(k) && _cluster.GetService(k)?.IsLoadBalancer == true))
        {
            _services.Tell(new ServiceProtocol.Reconcile(key));
            nudged++;
        }
        _metrics.Swept(true);
        _log.Info("Sweep found {Owned} owned objects: {Services} Services and {ShardVses} shared VSes; nudged {Nudged} Services with none",
            read.States.Count, byOwner.Count, byShard.Count, nudged);
        Timers.StartSingleTimer("sweep", Sweep.Instance, _runtime.Settings.FullSyncInterval);
    }

    /// <summary>The shared VS an L7 object belongs to: by name for the VS, its vsvip and policy set, else by its Host marker's
    /// shard among the VSes of the AviInfraSetting its markers name (the controller's own when they name none).</summary>
    private string? SharedVsOf(AviObjectSpec spec)
    {
        var context = _runtime.Context!;
        if (context.Names.IsSharedL7VirtualService(spec.Name)) return spec.Name;
        var host = spec.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.HostKey)?.Values.FirstOrDefault();
        if (host is null) return null;
        var family = AviOwnership.InfraSettingOf(spec) is { } name
            ? _cluster.GetAviInfraSettings().FirstOrDefault(s => s.Key.Name == name) is { } setting ? IngressInfraSetting.FamilyOf(setting, _runtime.Settings) : null
            : IngressInfraSetting.FamilyOf(null, _runtime.Settings);
        return family?.VirtualServiceFor(host, context.Names);
    }

    private IEnumerable<string> SharedVirtualServiceNames() =>
        Enumerable.Range(0, (int)_runtime.Settings.ShardVsSize.ShardCount()).Select(_runtime.Context!.Names.SharedL7VirtualService);

    /// <summary>L4 objects carry Namespace and ServiceName markers; an AKO-made vsvip has only the cluster marker and goes with its VS.</summary>
    private static Dictionary<ServiceKey, List<ObservedObject>> GroupByService(IReadOnlyList<AviObjectState> states)
    {
        var owners = new Dictionary<ServiceKey, List<ObservedObject>>();
        var byVsName = new Dictionary<string, ServiceKey>(StringComparer.Ordinal);
        var unmarked = new List<AviObjectState>();
        foreach (var state in states)
        {
            if (OwnerOf(state.Spec) is { } key)
            {
                Add(key, state);
                if (state.Ref.Type == AviObjectTypes.VirtualService) byVsName[state.Ref.Name] = key;
            }
            else
            {
                unmarked.Add(state);
            }
        }
        foreach (var state in unmarked.Where(s => s.Ref.Type == AviObjectTypes.VsVip))
        {
            if (byVsName.TryGetValue(state.Ref.Name, out var key)) Add(key, state);
        }
        return owners;

        void Add(ServiceKey key, AviObjectState state)
        {
            if (!owners.TryGetValue(key, out var list)) owners[key] = list = [];
            list.Add(new ObservedObject(state.Ref, state.LastModified));
        }
    }

    private static ServiceKey? OwnerOf(AviObjectSpec spec)
    {
        var ns = spec.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.NamespaceKey)?.Values.FirstOrDefault();
        var service = spec.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.ServiceNameKey)?.Values.FirstOrDefault();
        var sharedVip = spec.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.GatewayNameKey)?.Values.FirstOrDefault();
        if (ns is not null && sharedVip is not null) return ServiceKey.ForSharedVip(ns, sharedVip);
        return ns is null || service is null ? null : new ServiceKey(ns, service);
    }

    /// <summary>Start a sweep now (also sent by the timer).</summary>
    public sealed class Sweep
    {
        public static Sweep Instance { get; } = new();
    }

    private sealed record SweepRead(IReadOnlyList<AviObjectState> States) : INoSerializationVerificationNeeded;
}

/// <summary>Registers the sweeper as a one-instance sharded daemon process.</summary>
public static class AviSweeperRegistration
{
    public static AkkaConfigurationBuilder AddAviSweeper(this AkkaConfigurationBuilder builder) =>
        builder.WithShardedDaemonProcess<AviSweeperActor>(
            "avi-sweeper",
            1,
            (_, registry, resolver) => _ => AviSweeperActor.PropsFor(
                resolver.GetService<IAviInventory>(), resolver.GetService<IClusterState>(), resolver.GetService<ControllerRuntime>(),
                resolver.GetService<ControllerMetrics>(), registry.Get<ServiceRegion>(), registry.Get<SharedVsRegion>()),
            new ClusterDaemonOptions());
}
