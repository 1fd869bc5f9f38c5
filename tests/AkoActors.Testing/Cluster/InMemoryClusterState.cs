using System.Collections.Concurrent;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Testing.Cluster;

/// <summary>A cluster view the test sets directly, standing in for the informer caches.</summary>
public sealed class InMemoryClusterState : IClusterState
{
    public ConcurrentDictionary<ServiceKey, ServiceSnapshot> Services { get; } = new();

    public ConcurrentDictionary<ServiceKey, IReadOnlyList<EndpointSliceSnapshot>> Slices { get; } = new();

    public ConcurrentDictionary<string, NamespaceSnapshot> Namespaces { get; } = new();

    public ConcurrentDictionary<NodeKey, NodeSnapshot> Nodes { get; } = new();

    public ConcurrentDictionary<IngressKey, IngressSnapshot> Ingresses { get; } = new();

    public ConcurrentDictionary<string, IngressClassSnapshot> IngressClasses { get; } = new();

    public ConcurrentDictionary<(string, string), TlsSecretSnapshot> Secrets { get; } = new();

    public ConcurrentDictionary<HostRuleKey, HostRuleSnapshot> HostRules { get; } = new();

    public ConcurrentDictionary<AviInfraSettingKey, AviInfraSettingSnapshot> AviInfraSettings { get; } = new();

    public ConcurrentDictionary<HttpRuleKey, HttpRuleSnapshot> HttpRules { get; } = new();

    public ConcurrentDictionary<L4RuleKey, L4RuleSnapshot> L4Rules { get; } = new();

    public bool IsSynced { get; set; } = true;

    public ServiceSnapshot? GetService(ServiceKey key) => Services.GetValueOrDefault(key);

    public IReadOnlyList<EndpointSliceSnapshot> GetEndpointSlices(ServiceKey key) => Slices.GetValueOrDefault(key) ?? [];

    public NamespaceSnapshot? GetNamespace(string name) => Namespaces.GetValueOrDefault(name);

    public IReadOnlyList<NodeSnapshot> GetNodes() => Nodes.Values.OrderBy(n => n.Key.Name, StringComparer.Ordinal).ToList();

    public IngressSnapshot? GetIngress(IngressKey key) => Ingresses.GetValueOrDefault(key);

    public IngressClassSnapshot? GetIngressClass(string name) => IngressClasses.GetValueOrDefault(name);

    public IReadOnlyList<IngressClassSnapshot> GetIngressClasses() => IngressClasses.Values.ToList();

    public TlsSecretSnapshot? GetSecret(string ns, string name) => Secrets.GetValueOrDefault((ns, name));

    public IReadOnlyList<ServiceKey> ServiceKeys() => Services.Keys.ToList();

    public IReadOnlyList<IngressKey> IngressKeys() => Ingresses.Keys.ToList();

    public NodeSnapshot? GetNode(NodeKey key) => Nodes.GetValueOrDefault(key);

    public IReadOnlyList<HostRuleSnapshot> GetHostRules() => HostRules.Values.ToList();

    public IReadOnlyList<AviInfraSettingSnapshot> GetAviInfraSettings() => AviInfraSettings.Values.OrderBy(s => s.Key.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<HttpRuleSnapshot> GetHttpRules() => HttpRules.Values.ToList();

    public IReadOnlyList<L4RuleSnapshot> GetL4Rules() => L4Rules.Values.ToList();
}
