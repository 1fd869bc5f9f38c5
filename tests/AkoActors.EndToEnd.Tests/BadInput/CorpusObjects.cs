using System.Text;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>Builders for the Kubernetes objects the corpus sends, each as a user would write it.</summary>
public static class CorpusObjects
{
    public const string DnsDomain = "ako.example.com";

    public static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    /// <summary>A LoadBalancer Service without a selector (its pool is empty, which is fine: only the VIP matters here).</summary>
    public static V1Service LoadBalancer(string ns, string name, params (int Port, string Protocol)[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            Ports = ports.Select((p, i) => new V1ServicePort { Name = $"p{i}", Port = p.Port, Protocol = p.Protocol }).ToList(),
        },
    };

    /// <summary>The ClusterIP Service <c>web</c> an Ingress's paths point at.</summary>
    public static V1Service Web(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP" }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
    };

    public static V1HTTPIngressPath Path(string path = "/", string service = "web", int? number = 80, string? portName = null) => new()
    {
        Path = path,
        PathType = "Prefix",
        Backend = new V1IngressBackend
        {
            Service = new V1IngressServiceBackend
            {
                Name = service,
                Port = portName is null ? new V1ServiceBackendPort { Number = number } : new V1ServiceBackendPort { Name = portName },
            },
        },
    };

    public static V1IngressRule Rule(string? host, params V1HTTPIngressPath[] paths) =>
        new() { Host = host, Http = paths.Length == 0 ? null : new V1HTTPIngressRuleValue { Paths = paths.ToList() } };

    public static V1Ingress Ingress(string ns, string name, IEnumerable<V1IngressRule> rules, IEnumerable<V1IngressTLS>? tls = null, V1IngressBackend? defaultBackend = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1IngressSpec { IngressClassName = "avi-lb", Rules = rules.ToList(), Tls = tls?.ToList(), DefaultBackend = defaultBackend },
    };

    public static V1IngressTLS Tls(string? secretName, params string[] hosts) => new() { Hosts = hosts.ToList(), SecretName = secretName };

    public static V1Secret TlsSecret(string ns, string name, string certificate, string key) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
    };

    public static V1Secret OpaqueSecret(string ns, string name, string certificate, string key) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
    };

    public static V1Node Node(string name, string? podCidr, string? internalIp, IDictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
        Spec = new V1NodeSpec { PodCIDR = podCidr, PodCIDRs = podCidr is null ? null : [podCidr] },
        Status = new V1NodeStatus { Addresses = internalIp is null ? [new V1NodeAddress { Type = "Hostname", Address = name }] : [new V1NodeAddress { Type = "InternalIP", Address = internalIp }] },
    };
}
