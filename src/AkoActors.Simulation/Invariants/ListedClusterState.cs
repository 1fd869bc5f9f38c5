using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.Snapshots;
using k8s;

namespace AkoActors.Simulation.Invariants;

/// <summary>The cluster as the API server holds it at one moment, listed through the Kubernetes API (never an informer
/// that may lag) and converted with the controller's own snapshot converters, so the pure translations can say what the
/// controller must have made of it.</summary>
public sealed class ListedClusterState : IClusterState
{
    private readonly Dictionary<ServiceKey, ServiceSnapshot> _services = [];
    private readonly Dictionary<ServiceKey, List<EndpointSliceSnapshot>> _slices = [];
    private readonly Dictionary<string, NamespaceSnapshot> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeKey, NodeSnapshot> _nodes = [];
    private readonly Dictionary<IngressKey, IngressSnapshot> _ingresses = [];
    private readonly Dictionary<string, IngressClassSnapshot> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), TlsSecretSnapshot> _secrets = [];

    private ListedClusterState()
    {
    }

    public static async Task<ListedClusterState> ReadAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        var state = new ListedClusterState();
        foreach (var service in (await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken)).Items)
        {
            var snapshot = ServiceSnapshots.From(service);
            state._services[snapshot.Key] = snapshot;
        }
        foreach (var slice in (await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: cancellationToken)).Items)
        {
            if (EndpointSliceSnapshots.From(slice) is not { } snapshot) continue;
            var key = new ServiceKey(snapshot.Namespace, snapshot.ServiceName);
            if (!state._slices.TryGetValue(key, out var list)) state._slices[key] = list = [];
            list.Add(snapshot);
        }
        foreach (var ns in (await client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).Items)
        {
            state._namespaces[ns.Metadata.Name] = NamespaceSnapshots.From(ns);
        }
        foreach (var node in (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items)
        {
            var snapshot = NodeSnapshots.From(node);
            state._nodes[snapshot.Key] = snapshot;
        }
        foreach (var ingress in (await client.NetworkingV1.ListIngressForAllNamespacesAsync(cancellationToken: cancellationToken)).Items)
        {
            var snapshot = IngressSnapshots.From(ingress);
            state._ingresses[snapshot.Key] = snapshot;
        }
        foreach (var ingressClass in (await client.NetworkingV1.ListIngressClassAsync(cancellationToken: cancellationToken)).Items)
        {
            state._classes[ingressClass.Metadata.Name] = IngressClassSnapshots.From(ingressClass);
        }
        foreach (var secret in (await client.CoreV1.ListSecretForAllNamespacesAsync(fieldSelector: "type=kubernetes.io/tls", cancellationToken: cancellationToken)).Items)
        {
            if (SecretSnapshots.From(secret) is { } snapshot) state._secrets[(secret.Metadata.NamespaceProperty, secret.Metadata.Name)] = snapshot;
        }
        return state;
    }

    public bool IsSynced => true;

    public ServiceSnapshot? GetService(ServiceKey key) => _services.GetValueOrDefault(key);

    public IReadOnlyList<EndpointSliceSnapshot> GetEndpointSlices(ServiceKey key) => _slices.TryGetValue(key, out var list) ? list : [];

    public NamespaceSnapshot? GetNamespace(string name) => _namespaces.GetValueOrDefault(name);

    public IReadOnlyList<NodeSnapshot> GetNodes() => _nodes.Values.OrderBy(n => n.Key.Name, StringComparer.Ordinal).ToList();

    public IngressSnapshot? GetIngress(IngressKey key) => _ingresses.GetValueOrDefault(key);

    public IngressClassSnapshot? GetIngressClass(string name) => _classes.GetValueOrDefault(name);

    public IReadOnlyList<IngressClassSnapshot> GetIngressClasses() => _classes.Values.ToList();

    public TlsSecretSnapshot? GetSecret(string ns, string name) => _secrets.GetValueOrDefault((ns, name));

    public IReadOnlyList<ServiceKey> ServiceKeys() => _services.Keys.ToList();

    public IReadOnlyList<IngressKey> IngressKeys() => _ingresses.Keys.ToList();

    public NodeSnapshot? GetNode(NodeKey key) => _nodes.GetValueOrDefault(key);
}
