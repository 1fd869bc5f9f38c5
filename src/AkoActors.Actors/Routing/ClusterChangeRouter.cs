using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.HostRules;
using AkoActors.Actors.HttpRules;
using AkoActors.Actors.InfraSettings;
using AkoActors.Domain.InfraSettings;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.L4Rules;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Tenancy;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation.L4;
using AkoActors.Domain.Translation.L7;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;

namespace AkoActors.Actors.Routing;

/// <summary>Turns this replica's informer notices into "look again" messages for the entities whose trees they affect.</summary>
/// <remarks>
/// Only LoadBalancer Services and Ingresses of our class reach their shards (plus one last notice when one stops being
/// ours, so its objects are removed); the many ClusterIP Services and other classes' Ingresses cost nothing. A Service
/// or Secret change also reaches every Ingress that names it, through indexes kept here from the cache. Every replica
/// routes what it sees; owners coalesce the duplicates, so a change reaches its owner as fast as with one replica.
/// <para>A safety net stands behind the notices: sharding can lose the message that would start an owner (a shard whose
/// remember-entities write times out under load restarts and drops what it buffered — seen starting 1,000 Services on a
/// loaded machine, 43 of them never served). Every <see cref="UnservedRecheck"/> the owners of LoadBalancer Services and
/// Ingresses that show no address are sent a start-only reconcile, and every <c>fullSyncFrequency</c> all owners are: an
/// owner that runs ignores it, one that does not starts and looks at once. Owners that are running already heal every
/// other lost notice themselves, since a restarted shard restarts them and they look when they start.</para>
/// </remarks>
public sealed class ClusterChangeRouter : ReceiveActor, IWithTimers
{
    /// <summary>How often owners of objects that show no address yet are made sure to run.</summary>
    public static readonly TimeSpan UnservedRecheck = TimeSpan.FromSeconds(30);

    private readonly IActorRef _services;
    private readonly IActorRef _ingresses;
    private readonly IClusterState _cluster;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly HashSet<ServiceKey> _loadBalancers = [];
    private readonly Dictionary<ServiceKey, ServiceKey> _sharedVipGroups = [];
    private readonly HashSet<IngressKey> _ourIngresses = [];
    private readonly Dictionary<IngressKey, IngressReferences> _references = [];
    private readonly Dictionary<ServiceKey, HashSet<IngressKey>> _ingressesByService = [];
    private readonly Dictionary<(string Namespace, string Name), HashSet<IngressKey>> _ingressesBySecret = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StaticRouteNotices _staticRoutes;

    public ClusterChangeRouter(IActorRef services, IActorRef ingresses, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics)
    {
        _services = services;
        _ingresses = ingresses;
        _cluster = cluster;
        _runtime = runtime;
        _metrics = metrics;
        _staticRoutes = new StaticRouteNotices(Context.System, runtime);

        Receive<ClusterChange.ServiceChanged>(change =>
        {
            _metrics.ClusterChange("service");
            RouteService(change.Key);
            foreach (var ingress in Dependents(_ingressesByService, change.Key)) RouteIngress(ingress);
        });
        Receive<ClusterChange.IngressChanged>(change =>
        {
            _metrics.ClusterChange("ingress");
            RouteIngress(change.Key);
        });
        Receive<ClusterChange.SecretChanged>(change =>
        {
            _metrics.ClusterChange("secret");
            foreach (var ingress in Dependents(_ingressesBySecret, (change.Namespace, change.Name))) RouteIngress(ingress);
            // A HostRule may name the Secret as its certificate (tls.sslKeyCertificate type secret).
            if (_cluster.GetHostRules().Any(r => r.Key.Namespace == change.Namespace && r.Tls is not null))
            {
                RouteHostRules(change.Namespace);
                WakeSharedVirtualServices();
            }
        });
        Receive<ClusterChange.HttpRuleChanged>(change =>
        {
            _metrics.ClusterChange("httprule");
            if (ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<HttpRuleSnapshot>>(out var httpRules)) httpRules.Tell(new HttpRuleProtocol.Reconcile(change.Key));
            WakeSharedVirtualServices();
        });
        Receive<ClusterChange.HostRuleChanged>(_ =>
        {
            _metrics.ClusterChange("hostrule");
            // Every HostRule, not only this one: whether a rule is a duplicate depends on the others' fqdns.
            RouteHostRules(null);
            // Shared VSes apply the Accepted HostRules they read from the cache; a status or spec change may change them.
            WakeSharedVirtualServices();
        });
        Receive<ClusterChange.L4RuleChanged>(change =>
        {
            _metrics.ClusterChange("l4rule");
            if (ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<L4RuleSnapshot>>(out var l4Rules)) l4Rules.Tell(new L4RuleProtocol.Reconcile(change.Key));
            // The Services naming it apply it once Accepted (a status change), and restore the defaults when it goes.
            foreach (var key in _cluster.ServiceKeys().Where(k => k.Namespace == change.Key.Namespace))
            {
                if (_cluster.GetService(key) is { } service && L4RuleApplication.RuleNameOf(service) == change.Key.Name) RouteService(key);
            }
        });
        Receive<ClusterChange.AviInfraSettingChanged>(change =>
        {
            _metrics.ClusterChange("aviinfrasetting");
            if (ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<AviInfraSettingSnapshot>>(out var settings))
            {
                settings.Tell(new AviInfraSettingProtocol.Reconcile(change.Key));
            }
            // The trees attached to it (by annotation on the Service or its Namespace, or through an IngressClass) apply it
            // once Accepted for its spec and withdraw it otherwise.
            foreach (var key in InfraSettingAttachment.ServicesNaming(change.Key.Name, _cluster)) RouteService(key);
            RouteAllIngresses();
            WakeSharedVirtualServices();
        });
        Receive<ClusterChange.IngressClassChanged>(_ =>
        {
            _metrics.ClusterChange("ingressclass");
            RouteAllIngresses();
        });
        Receive<ClusterChange.NamespaceChanged>(change =>
        {
            _metrics.ClusterChange("namespace");
            foreach (var key in _cluster.ServiceKeys().Where(k => k.Namespace == change.Name)) RouteService(key);
            foreach (var key in _cluster.IngressKeys().Where(k => k.Namespace == change.Name)) RouteIngress(key);
        });
        Receive<ClusterChange.NodeChanged>(change =>
        {
            _metrics.ClusterChange("node");
            _staticRoutes.NodeChanged(change.Key);
            // NodePort pools list node addresses, so every tree depends on the node set in that mode.
            if (_runtime.Settings.ServiceType != PoolServerMode.NodePort) return;
            RouteAllServices();
            RouteAllIngresses();
        });
        Receive<ClusterChange>(change => _metrics.ClusterChange(change.GetType().Name));
        Receive<EnsureOwnersRun>(ensure => EnsureOwners(ensure.All));
        Receive<RouterProtocol.WakeAll>(_ =>
        {
            _log.Info("Telling every entity to look again");
            RouteAllServices();
            RouteAllIngresses();
            RouteHostRules(null);
            RouteHttpRules();
            RouteL4Rules();
            RouteInfraSettings();
            _staticRoutes.WakeAll();
        });
        Receive<RouterProtocol.ControllerAvailable>(_ =>
        {
            // Owners whose writes failed wait out their own backoff (up to minutes); the controller being back wakes them now.
            _log.Info("The Avi Controller answers again: telling every owner to look again");
            RouteAllServices();
            RouteAllIngresses();
            WakeSharedVirtualServices();
            _staticRoutes.WakeAll();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("unserved", EnsureOwnersRun.Unserved, UnservedRecheck);
        Timers.StartPeriodicTimer("all", EnsureOwnersRun.Every, _runtime.Settings.FullSyncInterval);
    }

    /// <summary>Sends a start-only reconcile to the owners of this replica's LoadBalancer Services and Ingresses of our
    /// class: all of them, or those whose status shows no address.</summary>
    private void EnsureOwners(bool all)
    {
        var services = _loadBalancers.Where(key => all || _cluster.GetService(key) is not { Status.IsEmpty: false }).ToList();
        var ingresses = _ourIngresses.Where(key => all || _cluster.GetIngress(key) is not { Status.IsEmpty: false }).ToList();
        foreach (var key in services) _services.Tell(new ServiceProtocol.Reconcile(key) { OnlyStart = true });
        foreach (var key in ingresses) _ingresses.Tell(new IngressProtocol.Reconcile(key) { OnlyStart = true });
        if (services.Count + ingresses.Count > 0)
        {
            _log.Debug("Made sure the owners of {Services} Service(s) and {Ingresses} Ingress(es) run ({Which})",
                services.Count, ingresses.Count, all ? "full sync" : "no address yet");
        }
    }

    private sealed record EnsureOwnersRun(bool All) : INoSerializationVerificationNeeded
    {
        public static EnsureOwnersRun Unserved { get; } = new(false);

        public static EnsureOwnersRun Every { get; } = new(true);
    }

    public static Props PropsFor(IActorRef services, IActorRef ingresses, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics) =>
        Props.Create(() => new ClusterChangeRouter(services, ingresses, cluster, runtime, metrics));

    /// <summary>Shared VSes hear from Ingress actors only when a contribution changes, so a wake-up reaches them directly.</summary>
    private void WakeSharedVirtualServices()
    {
        if (_runtime.Context is not { } context || !ActorRegistry.For(Context.System).TryGet<SharedVsRegion>(out var shards)) return;
        // Shared VSes exist per tenant: those of every tenant a namespace with Ingresses asks for.
        var tenants = _cluster.IngressKeys().Select(k => k.Namespace).Distinct()
            .Select(ns => TenantPlacement.TenantOf(_cluster.GetNamespace(ns), _runtime.Settings))
            .Append(_runtime.Settings.TenantName).Distinct().ToList();
        // And those of every AviInfraSetting an IngressClass of ours names (an edit of one re-places its VSes).
        var names = IngressInfraSetting.Families(_cluster, _runtime.Settings).SelectMany(f => f.VirtualServices(context.Names)).Distinct().ToList();
        foreach (var tenant in tenants)
        {
            foreach (var name in names) shards.Tell(new SharedVsProtocol.Reconcile(new ShardVsKey(tenant, name)));
        }
    }

    /// <summary>HostRules reach their validating actor (the single writer of their status) from every replica; it coalesces.</summary>
    private void RouteHostRules(string? ns)
    {
        if (!ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<HostRuleSnapshot>>(out var hostRules)) return;
        foreach (var rule in _cluster.GetHostRules().Where(r => ns is null || r.Key.Namespace == ns))
        {
            hostRules.Tell(new HostRuleProtocol.Reconcile(rule.Key));
        }
    }

    private void RouteInfraSettings()
    {
        if (!ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<AviInfraSettingSnapshot>>(out var settings)) return;
        foreach (var setting in _cluster.GetAviInfraSettings()) settings.Tell(new AviInfraSettingProtocol.Reconcile(setting.Key));
    }

    private void RouteHttpRules()
    {
        if (!ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<HttpRuleSnapshot>>(out var httpRules)) return;
        foreach (var rule in _cluster.GetHttpRules()) httpRules.Tell(new HttpRuleProtocol.Reconcile(rule.Key));
    }

    private void RouteL4Rules()
    {
        if (!ActorRegistry.For(Context.System).TryGet<RuleResourceRegion<L4RuleSnapshot>>(out var l4Rules)) return;
        foreach (var rule in _cluster.GetL4Rules()) l4Rules.Tell(new L4RuleProtocol.Reconcile(rule.Key));
    }

    private void RouteAllServices()
    {
        foreach (var key in _cluster.ServiceKeys()) RouteService(key);
    }

    private void RouteAllIngresses()
    {
        foreach (var key in _cluster.IngressKeys().Concat(_ourIngresses).Distinct().ToList()) RouteIngress(key);
    }

    private void RouteService(ServiceKey key)
    {
        var service = _cluster.GetService(key);
        RouteSharedVipGroup(key, service);
        if (service is { IsLoadBalancer: true })
        {
            _loadBalancers.Add(key);
            _services.Tell(new ServiceProtocol.Reconcile(key));
        }
        else if (_loadBalancers.Remove(key))
        {
            _services.Tell(new ServiceProtocol.Reconcile(key));
        }
    }

    /// <summary>A Service annotated enable-shared-vip also wakes its group's owner, and the group it just left.</summary>
    private void RouteSharedVipGroup(ServiceKey key, ServiceSnapshot? service)
    {
        var group = service is { IsLoadBalancer: true } && L4ServiceTranslator.SharedVipKeyOf(service) is { } value
            ? ServiceKey.ForSharedVip(key.Namespace, value)
            : null;
        if (_sharedVipGroups.TryGetValue(key, out var previous) && previous != group)
        {
            _services.Tell(new ServiceProtocol.Reconcile(previous));
            _sharedVipGroups.Remove(key);
        }
        if (group is null) return;
        _sharedVipGroups[key] = group;
        _services.Tell(new ServiceProtocol.Reconcile(group));
    }

    private void RouteIngress(IngressKey key)
    {
        var ingress = _cluster.GetIngress(key);
        Index(key, ingress);
        if (ingress is not null && IngressTranslator.IsHandled(ingress, _cluster, _runtime.Settings))
        {
            _ourIngresses.Add(key);
            _ingresses.Tell(new IngressProtocol.Reconcile(key));
        }
        else if (_ourIngresses.Remove(key))
        {
            _ingresses.Tell(new IngressProtocol.Reconcile(key));
        }
    }

    /// <summary>Remembers which Services and Secrets an Ingress names, so their changes reach it.</summary>
    private void Index(IngressKey key, IngressSnapshot? ingress)
    {
        if (_references.Remove(key, out var old))
        {
            foreach (var service in old.Services) Forget(_ingressesByService, service, key);
            foreach (var secret in old.Secrets) Forget(_ingressesBySecret, secret, key);
        }
        if (ingress is null) return;
        var references = new IngressReferences(
            ingress.Rules.SelectMany(r => r.Paths).Select(p => p.Backend.ServiceName).OfType<string>()
                .Select(name => new ServiceKey(key.Namespace, name)).Distinct().ToList(),
            ingress.Tls.Select(t => t.SecretName).OfType<string>().Select(name => (key.Namespace, name)).Distinct().ToList());
        _references[key] = references;
        foreach (var service in references.Services) Remember(_ingressesByService, service, key);
        foreach (var secret in references.Secrets) Remember(_ingressesBySecret, secret, key);
    }

    private static void Remember<TKey>(Dictionary<TKey, HashSet<IngressKey>> index, TKey key, IngressKey ingress)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var set)) index[key] = set = [];
        set.Add(ingress);
    }

    private static void Forget<TKey>(Dictionary<TKey, HashSet<IngressKey>> index, TKey key, IngressKey ingress)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var set) && set.Remove(ingress) && set.Count == 0) index.Remove(key);
    }

    private static List<IngressKey> Dependents<TKey>(Dictionary<TKey, HashSet<IngressKey>> index, TKey key)
        where TKey : notnull =>
        index.TryGetValue(key, out var set) ? [.. set] : [];

    private sealed record IngressReferences(List<ServiceKey> Services, List<(string Namespace, string Name)> Secrets);
}

/// <summary>Registers the router and connects it to this replica's informer caches.</summary>
public static class ClusterChangeRouterRegistration
{
    public static AkkaConfigurationBuilder AddClusterChangeRouter(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var cache = resolver.GetService<ClusterCache>();
            var router = system.ActorOf(
                ClusterChangeRouter.PropsFor(registry.Get<ServiceRegion>(), registry.Get<IngressRegion>(), cache,
                    resolver.GetService<ControllerRuntime>(), resolver.GetService<ControllerMetrics>()),
                "cluster-change-router");
            cache.Subscribe(change => router.Tell(change));
            registry.Register<ClusterChangeRouter>(router);
        });
}
