using AkoActors.Domain.Keys;
using AkoActors.Domain.Naming;
using k8s.Models;

namespace AkoActors.Simulation.Workloads;

/// <summary>The Kubernetes objects the scenarios create: LoadBalancer Services without a selector and EndpointSlices the
/// benchmark manages itself (label <c>kubernetes.io/service-name</c>), so every endpoint change is exactly one write that
/// the benchmark controls and times.</summary>
public static class Workload
{
    public const string Namespace = "bench";
    public const string ClusterName = "bench";
    public const int ServicePort = 80;
    public const int TargetPort = 8080;

    public static AviNames Names { get; } = new(ClusterName);

    public static string ServiceName(int index) => $"svc-{index:D5}";

    public static string SliceName(string service) => $"{service}-bench";

    public static string VirtualServiceName(string service) => Names.L4VirtualService(new ServiceKey(Namespace, service));

    public static string PoolName(string service) => Names.L4Pool(new ServiceKey(Namespace, service), "TCP", ServicePort);

    /// <summary>The four Avi objects an L4 Service with one TCP port owns.</summary>
    public static IReadOnlyList<(string Type, string Name)> AviObjects(string service) =>
    [
        ("vsvip", VirtualServiceName(service)), ("pool", PoolName(service)), ("l4policyset", VirtualServiceName(service)),
        ("virtualservice", VirtualServiceName(service)),
    ];

    /// <summary>Avi writes needed to realise one new Service: vsvip, pool, L4 policy set and VS, one POST each.</summary>
    public const int WritesPerNewService = 4;

    public static V1Service LoadBalancerService(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ako-bench" } },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            Ports = [new V1ServicePort { Port = ServicePort, TargetPort = TargetPort, Protocol = "TCP" }],
            // Pools point at the pods (ClusterIP mode): no node port is needed, and a cluster's 2,768 node ports would not
            // cover 10,000 Services — kube-apiserver refuses the 2,769th ("range is full") as KubeSim does.
            AllocateLoadBalancerNodePorts = false,
        },
    };

    public static V1EndpointSlice Slice(string service, IEnumerable<string> addresses) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = SliceName(service),
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string>
            {
                ["kubernetes.io/service-name"] = service,
                ["endpointslice.kubernetes.io/managed-by"] = "ako-bench",
            },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Port = TargetPort, Protocol = "TCP" }],
        Endpoints = addresses.Select(a => new V1Endpoint { Addresses = [a], Conditions = new V1EndpointConditions { Ready = true } }).ToList(),
    };

    /// <summary>A backend of Ingresses: a ClusterIP Service without a selector (its EndpointSlice is the benchmark's).</summary>
    public static V1Service ClusterIpService(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ako-bench" } },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Ports = [new V1ServicePort { Port = ServicePort, TargetPort = TargetPort, Protocol = "TCP" }],
        },
    };

    public static string BackendName(int index) => $"backend-{index:D3}";

    public static string IngressName(int index) => $"ing-{index:D5}";

    /// <summary>The DNS sub-domain AviSim's seed profile serves, so every host is registered in the vsvip's dns_info.</summary>
    public const string HostDomain = "ako.example.com";

    /// <summary>Ingress number <paramref name="index"/> has index % 3 + 1 hosts: <c>app{i}-{j}.ako.example.com</c>.</summary>
    public static IReadOnlyList<string> IngressHosts(int index) =>
        Enumerable.Range(0, index % 3 + 1).Select(j => $"app{index}-{j}.{HostDomain}").ToList();

    /// <summary>An Ingress without a class (the cluster's default class is avi-lb): one rule per host, path <c>/</c> Prefix,
    /// to one backend Service by port number.</summary>
    public static V1Ingress Ingress(string name, IEnumerable<string> hosts, string backend) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ako-bench" } },
        Spec = new V1IngressSpec
        {
            Rules = hosts.Select(host => new V1IngressRule
            {
                Host = host,
                Http = new V1HTTPIngressRuleValue
                {
                    Paths =
                    [
                        new V1HTTPIngressPath
                        {
                            Path = "/", PathType = "Prefix",
                            Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = backend, Port = new V1ServiceBackendPort { Number = ServicePort } } },
                        },
                    ],
                },
            }).ToList(),
        },
    };

    /// <summary>The shared L7 VS a host is placed on (FNV-1a-32 of the host, masked by the shard count).</summary>
    public static string SharedVirtualService(string host, uint shardCount) => Names.SharedL7VirtualService(AviNames.ShardIndex(host, shardCount));

    /// <summary>The pool of path <c>/</c> of <paramref name="host"/> of an Ingress.</summary>
    public static string IngressPoolName(string host, string ingress) => Names.InsecurePool(host, "/", Namespace, ingress);

    /// <summary>Avi writes a shared VS needs once, whatever its hosts: vsvip, HTTP policy set and the VS itself.</summary>
    public const int WritesPerSharedVirtualService = 3;

    /// <summary>A distinct pod-like address per number (10.128.0.0/9; data only, nothing is ever sent there).</summary>
    public static string Address(int number) => $"10.{128 + (number / 250 / 256 % 128)}.{number / 250 % 256}.{1 + (number % 250)}";

    /// <summary>The generated Nodes' names, never reused within a run.</summary>
    public static string NodeName(int index) => $"sim-node-{index:D4}";

    /// <summary>A generated Node's InternalIP (10.0.0.0/16; data only, the next hop of its pod route).</summary>
    public static string NodeAddress(int index) => $"10.0.{index / 250 % 256}.{1 + (index % 250)}";

    /// <summary>How many distinct pod CIDRs <see cref="PodCidr"/> hands out.</summary>
    public const int PodCidrCount = 8192;

    /// <summary>The k-th pod CIDR, a /24 of 10.32.0.0/11: clear of the endpoints (10.128/9), the service CIDR (10.96/12), the
    /// Nodes' addresses (10.0/16) and the seeded Nodes' 10.244/16, so no two CIDRs handed out in a run ever overlap.</summary>
    public static string PodCidr(int k) => k is >= 0 and < PodCidrCount
        ? $"10.{32 + k / 256}.{k % 256}.0/24"
        : throw new ArgumentOutOfRangeException(nameof(k), k,
            $"a simulation hands out at most {PodCidrCount} pod CIDRs (10.32.0.0/11 in /24s); make fewer node changes");

    /// <summary>A ready Node as nodeipam and the kubelet leave it: <c>spec.podCIDR(s)</c> = <paramref name="podCidr"/>, an InternalIP
    /// and a Hostname address.</summary>
    public static V1Node Node(string name, string internalIp, string podCidr) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ako-bench" } },
        Spec = new V1NodeSpec { PodCIDR = podCidr, PodCIDRs = [podCidr] },
        Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = internalIp }, new V1NodeAddress { Type = "Hostname", Address = name }],
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
        },
    };
}
