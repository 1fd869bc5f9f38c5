using System.Collections.Concurrent;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Informers;
using AkoActors.Kubernetes.Snapshots;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

using AkoActors.Kubernetes.CniObjects;

namespace AkoActors.Kubernetes.Cache;

/// <summary>This replica's informer caches: every resource the controller reads, as snapshots, with change notices to subscribers.</summary>
/// <remarks>Every replica watches everything (warm caches make a newly assigned owner reconcile at once, as Knative's
/// active-active controllers do). Subscribers are called on informer threads and must only enqueue (an actor Tell).</remarks>
public sealed class ClusterCache : IClusterState
{
    private readonly SnapshotStore<ServiceKey, ServiceSnapshot> _services = new();
    private readonly SnapshotStore<(string Namespace, string Name), EndpointSliceSnapshot> _slices = new();
    private readonly ConcurrentDictionary<ServiceKey, ConcurrentDictionary<string, EndpointSliceSnapshot>> _slicesByService = new();
    private readonly SnapshotStore<string, NamespaceSnapshot> _namespaces = new();
    private readonly SnapshotStore<NodeKey, NodeSnapshot> _nodes = new();
    private readonly SnapshotStore<IngressKey, IngressSnapshot> _ingresses = new();
    private readonly SnapshotStore<string, IngressClassSnapshot> _ingressClasses = new();
    private readonly SnapshotStore<(string Namespace, string Name), TlsSecretSnapshot> _secrets = new();
    private readonly SnapshotStore<HostRuleKey, HostRuleSnapshot> _hostRules = new();
    private readonly SnapshotStore<HttpRuleKey, HttpRuleSnapshot> _httpRules = new();
    private readonly SnapshotStore<L4RuleKey, L4RuleSnapshot> _l4Rules = new();
    private readonly SnapshotStore<AviInfraSettingKey, AviInfraSettingSnapshot> _infraSettings = new();
    private readonly ConcurrentDictionary<string, (string? Node, IReadOnlyList<string> Cidrs)> _cniObjects = new(StringComparer.Ordinal);
    private readonly List<Action<ClusterChange>> _subscribers = [];
    private readonly List<Func<bool>> _syncChecks = [];
    private readonly List<Func<long>> _watchCounts = [];
    private readonly List<Func<DateTimeOffset?>> _failures = [];

    /// <summary>Since when some informer has failed to list or watch without succeeding since; null while all are healthy.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            lock (_syncChecks) return _failures.Select(f => f()).Where(f => f is not null).Min();
        }
    }

    public bool IsSynced => _syncChecks.Count > 0 && _syncChecks.All(check => check());

    /// <summary>Watches opened by all informers so far; it grows as idle watches end and are renewed.</summary>
    public long WatchesStarted
    {
        get
        {
            lock (_syncChecks) return _watchCounts.Sum(count => count());
        }
    }

    public int InformerCount
    {
        get
        {
            lock (_syncChecks) return _syncChecks.Count;
        }
    }

    /// <summary>Subscribes to change notices; call before <see cref="Run"/>.</summary>
    public void Subscribe(Action<ClusterChange> subscriber)
    {
        lock (_subscribers) _subscribers.Add(subscriber);
    }

    public ServiceSnapshot? GetService(ServiceKey key) => _services.Get(key);

    public IReadOnlyList<EndpointSliceSnapshot> GetEndpointSlices(ServiceKey key) =>
        _slicesByService.TryGetValue(key, out var slices) ? slices.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList() : [];

    public NamespaceSnapshot? GetNamespace(string name) => _namespaces.Get(name);

    public IReadOnlyList<NodeSnapshot> GetNodes() => _nodes.Values().OrderBy(n => n.Key.Name, StringComparer.Ordinal).ToList();

    public IngressSnapshot? GetIngress(IngressKey key) => _ingresses.Get(key);

    public IngressClassSnapshot? GetIngressClass(string name) => _ingressClasses.Get(name);

    public IReadOnlyList<IngressClassSnapshot> GetIngressClasses() => _ingressClasses.Values();

    public TlsSecretSnapshot? GetSecret(string ns, string name) => _secrets.Get((ns, name));

    public IReadOnlyList<HostRuleSnapshot> GetHostRules() => _hostRules.Values();

    public HostRuleSnapshot? GetHostRule(HostRuleKey key) => _hostRules.Get(key);

    public IReadOnlyList<HttpRuleSnapshot> GetHttpRules() => _httpRules.Values();

    public IReadOnlyList<L4RuleSnapshot> GetL4Rules() => _l4Rules.Values();
    public IReadOnlyList<AviInfraSettingSnapshot> GetAviInfraSettings() => _infraSettings.Values();

    public IReadOnlyList<ServiceKey> ServiceKeys() => _services.Keys();

    public IReadOnlyList<IngressKey> IngressKeys() => _ingresses.Keys();

    public IReadOnlyList<NodeKey> NodeKeys() => _nodes.Keys();

    public NodeSnapshot? GetNode(NodeKey key) => _nodes.Get(key);

    public IReadOnlyList<string> GetCniPodCidrs(NodeKey key) =>
        _cniObjects.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Where(o => o.Value.Node == key.Name)
            .SelectMany(o => o.Value.Cidrs)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public int ObjectCount => _services.Count + _slices.Count + _namespaces.Count + _nodes.Count + _ingresses.Count + _ingressClasses.Count + _secrets.Count + _hostRules.Count + _httpRules.Count + _l4Rules.Count + _infraSettings.Count;

    /// <summary>Starts one informer per resource; the tasks end when <paramref name="cancellationToken"/> is cancelled.</summary>
    public IReadOnlyList<Task> Run(IKubernetes client, InformerOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var informers = new List<Func<CancellationToken, Task>>
        {
            Start(new Informer<V1Service, V1ServiceList>("services",
                (token, limit, ct) => client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                Sink<V1Service, ServiceKey, ServiceSnapshot>(_services, ServiceSnapshots.From, s => s.Key, k => new ClusterChange.ServiceChanged(k), "services"),
                options, loggers.CreateLogger("Informer.services"))),
            Start(new Informer<V1EndpointSlice, V1EndpointSliceList>("endpointslices",
                (token, limit, ct) => client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                new DelegateSink<V1EndpointSlice>(ReplaceSlices, UpsertSlice, DeleteSlice),
                options, loggers.CreateLogger("Informer.endpointslices"))),
            Start(new Informer<V1Namespace, V1NamespaceList>("namespaces",
                (token, limit, ct) => client.CoreV1.ListNamespaceAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespaceAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                Sink<V1Namespace, string, NamespaceSnapshot>(_namespaces, NamespaceSnapshots.From, n => n.Name, n => new ClusterChange.NamespaceChanged(n), "namespaces"),
                options, loggers.CreateLogger("Informer.namespaces"))),
            Start(new Informer<V1Node, V1NodeList>("nodes",
                (token, limit, ct) => client.CoreV1.ListNodeAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNodeAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                Sink<V1Node, NodeKey, NodeSnapshot>(_nodes, NodeSnapshots.From, n => n.Key, k => new ClusterChange.NodeChanged(k), "nodes"),
                options, loggers.CreateLogger("Informer.nodes"))),
            Start(new Informer<V1Ingress, V1IngressList>("ingresses",
                (token, limit, ct) => client.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.NetworkingV1.WatchListIngressForAllNamespacesAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                Sink<V1Ingress, IngressKey, IngressSnapshot>(_ingresses, IngressSnapshots.From, i => i.Key, k => new ClusterChange.IngressChanged(k), "ingresses"),
                options, loggers.CreateLogger("Informer.ingresses"))),
            Start(new Informer<V1IngressClass, V1IngressClassList>("ingressclasses",
                (token, limit, ct) => client.NetworkingV1.ListIngressClassAsync(continueParameter: token, limit: limit, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.NetworkingV1.WatchListIngressClassAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                Sink<V1IngressClass, string, IngressClassSnapshot>(_ingressClasses, IngressClassSnapshots.From, c => c.Name, n => new ClusterChange.IngressClassChanged(n), "ingressclasses"),
                options, loggers.CreateLogger("Informer.ingressclasses"))),
            // Only TLS Secrets are listed and watched: the API server filters by type, so a cluster's other Secrets (Helm
            // keeps one of hundreds of KB per release revision, service-account tokens, application credentials) never
            // reach a replica, neither at list time nor as watch events.
            Start(new Informer<V1Secret, V1SecretList>("secrets",
                (token, limit, ct) => client.CoreV1.ListSecretForAllNamespacesAsync(
                    continueParameter: token, limit: limit, fieldSelector: SecretSnapshots.TlsTypeSelector, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(
                    allowWatchBookmarks: true, fieldSelector: SecretSnapshots.TlsTypeSelector, resourceVersion: rv, timeoutSeconds: timeout,
                    onError: onError, cancellationToken: ct),
                new DelegateSink<V1Secret>(ReplaceSecrets, UpsertSecret, DeleteSecret),
                options, loggers.CreateLogger("Informer.secrets"))),
            // AKO's HostRules; a cluster without the CRD reads as one without HostRules (and is listed again later).
            Start(new Informer<CustomResource, CustomResourceList>("hostrules",
                CustomResourceAccess.List(client, CustomResourceType.HostRule),
                CustomResourceAccess.Watch(client, CustomResourceType.HostRule),
                Sink<CustomResource, HostRuleKey, HostRuleSnapshot>(_hostRules, HostRuleSnapshots.From, r => r.Key, k => new ClusterChange.HostRuleChanged(k), "hostrules"),
                options, loggers.CreateLogger("Informer.hostrules"))),
            Start(new Informer<CustomResource, CustomResourceList>("httprules",
                CustomResourceAccess.List(client, CustomResourceType.HttpRule),
                CustomResourceAccess.Watch(client, CustomResourceType.HttpRule),
                Sink<CustomResource, HttpRuleKey, HttpRuleSnapshot>(_httpRules, HttpRuleSnapshots.From, r => r.Key, k => new ClusterChange.HttpRuleChanged(k), "httprules"),
                options, loggers.CreateLogger("Informer.httprules"))),
            Start(new Informer<CustomResource, CustomResourceList>("l4rules",
                CustomResourceAccess.List(client, CustomResourceType.L4Rule),
                CustomResourceAccess.Watch(client, CustomResourceType.L4Rule),
                Sink<CustomResource, L4RuleKey, L4RuleSnapshot>(_l4Rules, L4RuleSnapshots.From, r => r.Key, k => new ClusterChange.L4RuleChanged(k), "l4rules"),
                options, loggers.CreateLogger("Informer.l4rules"))),
            Start(new Informer<CustomResource, CustomResourceList>("aviinfrasettings",
                CustomResourceAccess.List(client, CustomResourceType.AviInfraSetting),
                CustomResourceAccess.Watch(client, CustomResourceType.AviInfraSetting),
                Sink<CustomResource, AviInfraSettingKey, AviInfraSettingSnapshot>(_infraSettings, AviInfraSettingSnapshots.From, r => r.Key,
                    k => new ClusterChange.AviInfraSettingChanged(k), "aviinfrasettings"),
                options, loggers.CreateLogger("Informer.aviinfrasettings"))),
        };
        if (CniPodCidrSource.For(options.CniPlugin) is { } cni)
        {
            // AKO reads Calico's BlockAffinities / Cilium's CiliumNodes for pod CIDRs; a change re-routes the nodes it names.
            informers.Add(Start(new Informer<CustomResource, CustomResourceList>(cni.Plural,
                CustomResourceAccess.List(client, cni.Resource),
                CustomResourceAccess.Watch(client, cni.Resource),
                new DelegateSink<CustomResource>(items => ReplaceCniObjects(cni, items), item => UpsertCniObject(cni, item), DeleteCniObject),
                options, loggers.CreateLogger($"Informer.{cni.Plural}"))));
        }
        return informers.Select(run => run(cancellationToken)).ToList();
    }

    private void ReplaceCniObjects(CniPodCidrSource cni, IReadOnlyCollection<CustomResource> items)
    {
        var touched = _cniObjects.Values.Select(v => v.Node).ToHashSet(StringComparer.Ordinal);
        var fresh = items.ToDictionary(i => i.Metadata.Name, cni.Read, StringComparer.Ordinal);
        foreach (var name in _cniObjects.Keys.Where(k => !fresh.ContainsKey(k)).ToList()) _cniObjects.TryRemove(name, out _);
        foreach (var (name, value) in fresh)
        {
            _cniObjects[name] = value;
            touched.Add(value.Node);
        }
        foreach (var node in touched.OfType<string>()) Publish(new ClusterChange.NodeChanged(new NodeKey(node)));
        Publish(new ClusterChange.Resynced(cni.Plural));
    }

    private void UpsertCniObject(CniPodCidrSource cni, CustomResource item)
    {
        var value = cni.Read(item);
        var previous = _cniObjects.TryGetValue(item.Metadata.Name, out var old) ? old : default;
        _cniObjects[item.Metadata.Name] = value;
        if (previous.Node == value.Node && previous.Cidrs is not null && previous.Cidrs.SequenceEqual(value.Cidrs)) return;
        if (previous.Node is { } oldNode && oldNode != value.Node) Publish(new ClusterChange.NodeChanged(new NodeKey(oldNode)));
        if (value.Node is { } node) Publish(new ClusterChange.NodeChanged(new NodeKey(node)));
    }

    private void DeleteCniObject(CustomResource item)
    {
        if (_cniObjects.TryRemove(item.Metadata.Name, out var old) && old.Node is { } node) Publish(new ClusterChange.NodeChanged(new NodeKey(node)));
    }

    private Func<CancellationToken, Task> Start<TObject, TList>(Informer<TObject, TList> informer)
        where TObject : IKubernetesObject<V1ObjectMeta>
        where TList : IItems<TObject>, IMetadata<V1ListMeta>
    {
        lock (_syncChecks)
        {
            _syncChecks.Add(() => informer.HasSynced);
            _watchCounts.Add(() => informer.WatchesStarted);
            _failures.Add(() => informer.FailingSince);
        }
        return ct => Task.Run(() => informer.RunAsync(ct), ct);
    }

    private DelegateSink<TObject> Sink<TObject, TKey, TSnapshot>(
        SnapshotStore<TKey, TSnapshot> store, Func<TObject, TSnapshot> convert, Func<TSnapshot, TKey> keyOf,
        Func<TKey, ClusterChange> change, string resource)
        where TKey : notnull
        where TSnapshot : class
        where TObject : IKubernetesObject<V1ObjectMeta> =>
        new(
            items =>
            {
                foreach (var key in store.Replace(items.Select(convert).Select(s => KeyValuePair.Create(keyOf(s), s)))) Publish(change(key));
                Publish(new ClusterChange.Resynced(resource));
            },
            item =>
            {
                var snapshot = convert(item);
                if (store.Upsert(keyOf(snapshot), snapshot)) Publish(change(keyOf(snapshot)));
            },
            item =>
            {
                var key = keyOf(convert(item));
                if (store.Remove(key)) Publish(change(key));
            });

    private void ReplaceSlices(IReadOnlyCollection<V1EndpointSlice> items)
    {
        var before = _slices.Values().ToDictionary(s => (s.Namespace, s.Name));
        var snapshots = items.Select(EndpointSliceSnapshots.From).OfType<EndpointSliceSnapshot>().ToDictionary(s => (s.Namespace, s.Name));
        var touched = new HashSet<ServiceKey>();
        foreach (var key in _slices.Replace(snapshots))
        {
            if (before.TryGetValue(key, out var old) &&
                _slicesByService.TryGetValue(new ServiceKey(old.Namespace, old.ServiceName), out var oldSlices) &&
                oldSlices.TryRemove(old.Name, out _))
            {
                touched.Add(new ServiceKey(old.Namespace, old.ServiceName));
            }
            if (snapshots.TryGetValue(key, out var slice))
            {
                var serviceKey = new ServiceKey(slice.Namespace, slice.ServiceName);
                _slicesByService.GetOrAdd(serviceKey, _ => new ConcurrentDictionary<string, EndpointSliceSnapshot>())[slice.Name] = slice;
                touched.Add(serviceKey);
            }
        }
        foreach (var key in touched) Publish(new ClusterChange.ServiceChanged(key));
        Publish(new ClusterChange.Resynced("endpointslices"));
    }

    private void UpsertSlice(V1EndpointSlice item)
    {
        var previous = _slices.Get((item.Metadata.NamespaceProperty ?? "default", item.Metadata.Name));
        var slice = EndpointSliceSnapshots.From(item);
        if (slice is null)
        {
            DeleteSlice(item);
            return;
        }
        if (!_slices.Upsert((slice.Namespace, slice.Name), slice)) return;
        if (previous is not null && previous.ServiceName != slice.ServiceName) RemoveFromIndex(previous);
        var serviceKey = new ServiceKey(slice.Namespace, slice.ServiceName);
        _slicesByService.GetOrAdd(serviceKey, _ => new ConcurrentDictionary<string, EndpointSliceSnapshot>())[slice.Name] = slice;
        Publish(new ClusterChange.ServiceChanged(serviceKey));
    }

    private void DeleteSlice(V1EndpointSlice item)
    {
        var key = (item.Metadata.NamespaceProperty ?? "default", item.Metadata.Name);
        var previous = _slices.Get(key);
        if (previous is null || !_slices.Remove(key)) return;
        RemoveFromIndex(previous);
    }

    private void RemoveFromIndex(EndpointSliceSnapshot slice)
    {
        var serviceKey = new ServiceKey(slice.Namespace, slice.ServiceName);
        if (_slicesByService.TryGetValue(serviceKey, out var slices) && slices.TryRemove(slice.Name, out _))
        {
            Publish(new ClusterChange.ServiceChanged(serviceKey));
        }
    }

    private void ReplaceSecrets(IReadOnlyCollection<V1Secret> items)
    {
        var snapshots = items.Select(SecretSnapshots.From).OfType<TlsSecretSnapshot>();
        foreach (var (ns, name) in _secrets.Replace(snapshots.Select(s => KeyValuePair.Create((s.Namespace, s.Name), s))))
        {
            Publish(new ClusterChange.SecretChanged(ns, name));
        }
        Publish(new ClusterChange.Resynced("secrets"));
    }

    private void UpsertSecret(V1Secret item)
    {
        var key = (item.Metadata.NamespaceProperty ?? "default", item.Metadata.Name);
        var secret = SecretSnapshots.From(item);
        var changed = secret is null ? _secrets.Remove(key) : _secrets.Upsert(key, secret);
        if (changed) Publish(new ClusterChange.SecretChanged(key.Item1, key.Item2));
    }

    private void DeleteSecret(V1Secret item)
    {
        var key = (item.Metadata.NamespaceProperty ?? "default", item.Metadata.Name);
        if (_secrets.Remove(key)) Publish(new ClusterChange.SecretChanged(key.Item1, key.Item2));
    }

    private void Publish(ClusterChange change)
    {
        Action<ClusterChange>[] subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers) subscriber(change);
    }
}
