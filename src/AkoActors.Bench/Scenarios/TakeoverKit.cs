using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.Bench.Harness;
using AkoActors.Simulation.Workloads;
using AkoActors.Simulation.Workloads.AkoMade;
using k8s;
using k8s.Models;

namespace AkoActors.Bench.Scenarios;

/// <summary>Puts a world where AKO has been serving N LoadBalancer Services and M Ingresses and has just been stopped: AviSim
/// loaded with the objects AKO would have made (<see cref="AkoMadeAviState"/>, with AKO's SE group label and node routes),
/// KubeSim with the Services, EndpointSlices,
/// backends, TLS Secret and Ingresses, each carrying the load-balancer status and the <c>ako.vmware.com/*</c> annotations
/// AKO wrote.</summary>
/// <remarks>Ingress i has Workload's hosts (i % 3 + 1), path <c>/</c> to backend i % K, also <c>/api</c> when i % 5 == 1,
/// and is TLS (every host an SNI child, one wildcard certificate) when i % tlsEvery == 0. VIPs are taken in order from the
/// VIP network's range: Services first, then one per shared VS.</remarks>
public sealed class TakeoverKit
{
    public const string Tenant = "admin";
    public const string SecretName = "ako-made-tls";
    public const string ControllerClusterUuid = "cluster-00000000-0000-4000-8000-00000000a4c0";

    private TakeoverKit(ScenarioParameters p, int tlsEvery)
    {
        Parameters = p;
        TlsEvery = tlsEvery;
        Services = Enumerable.Range(0, p.Services).Select(Workload.ServiceName).ToList();
        Ingresses = Enumerable.Range(0, p.Ingresses).Select(Ingress).ToList();
    }

    public ScenarioParameters Parameters { get; }

    public int TlsEvery { get; }

    public IReadOnlyList<string> Services { get; }

    public IReadOnlyList<AkoMadeIngress> Ingresses { get; }

    /// <summary>vsvip name → the VIP AKO gave it.</summary>
    public Dictionary<string, string> Vips { get; } = new(StringComparer.Ordinal);

    /// <summary>"svc/name" or "ingress/name" → status.loadBalancer as seeded (JSON).</summary>
    public Dictionary<string, string> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Objects in the generated Avi state.</summary>
    public int AviObjects { get; private set; }

    /// <summary>Shared VSes the hosts landed on.</summary>
    public SortedSet<int> Shards { get; } = [];

    public static TakeoverKit For(ScenarioParameters p, int tlsEvery) => new(p, tlsEvery);

    /// <summary>Generates AKO's Avi state (with AKO's static routes for KubeSim's nodes) and loads it on AviSim; returns
    /// the load time and the generator (which knows the uuids AKO's annotations name).</summary>
    public async Task<(TimeSpan Load, AkoMadeAviState Generator)> SeedAviAsync(BenchWorld world)
    {
        var p = Parameters;
        var (certificate, key) = WildcardCertificate();
        var shardBase = p.Services;
        var generator = new AkoMadeAviState(world.Avi.Simulator.DumpState(),
            new AkoMadeSettings(Workload.ClusterName, Tenant, Workload.HostDomain, p.ShardCount, SimulationAviProfile.VipNetwork, SimulationAviProfile.VipCidr),
            shard => VipAddress(shardBase + shard));
        foreach (var node in (await world.Client.CoreV1.ListNodeAsync()).Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var address = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
            var cidrs = node.Spec?.PodCIDRs ?? (node.Spec?.PodCIDR is { } one ? [one] : []);
            if (address is null) continue;
            foreach (var cidr in cidrs) generator.AddNodeRoute(address, cidr);
        }
        for (var i = 0; i < Services.Count; i++)
        {
            var endpoints = ServiceAddresses(i).Select(a => new AkoMadeEndpoint(a)).ToList();
            generator.Add(new AkoMadeService(Workload.Namespace, Services[i], [new AkoMadePort("TCP", Workload.ServicePort, Workload.TargetPort)], VipAddress(i), endpoints));
            Vips[Workload.VirtualServiceName(Services[i])] = VipAddress(i);
        }
        foreach (var ingress in Ingresses)
        {
            generator.Add(ingress.Hosts.Any(h => h.Tls) ? ingress with { CertificatePem = certificate, KeyPem = key } : ingress);
            foreach (var host in ingress.Hosts) Shards.Add(generator.ShardOf(host.Host));
        }
        foreach (var shard in Shards) Vips[Workload.Names.SharedL7VirtualService(shard)] = VipAddress(shardBase + shard);
        var state = generator.Build();
        AviObjects = state.Sum(kv => kv.Value!.AsArray().Count);
        var faults = world.Avi.Simulator.Faults;
        var (latency, cap) = (faults.Latency, faults.MaxConcurrentRequests);
        var started = DateTimeOffset.UtcNow;
        world.Avi.Simulator.LoadState(state);
        var loaded = DateTimeOffset.UtcNow - started;
        // Loading clears faults: the run's latency model and concurrency cap go back on.
        faults.Latency = latency;
        faults.MaxConcurrentRequests = cap;
        return (loaded, generator);
    }

    /// <summary>Creates the Kubernetes side through the API and writes AKO's statuses; returns how long it took.</summary>
    public async Task<TimeSpan> SeedKubernetesAsync(BenchWorld world, AkoMadeAviState generator)
    {
        var p = Parameters;
        var started = DateTimeOffset.UtcNow;
        var client = world.Client;
        await IngressKit.CreateBackendsAsync(world, p);
        await Kit.CreateSlicesAsync(world, Services, p, firstAddress: p.Backends * p.Endpoints);
        var (certificate, key) = WildcardCertificate();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = SecretName, NamespaceProperty = Workload.Namespace },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
        }, Workload.Namespace);

        world.Progress.Say($"creating {Services.Count} LoadBalancer Services and {Ingresses.Count} Ingresses with AKO's annotations");
        await world.CreateAllAsync(Services, async name =>
        {
            var service = Workload.LoadBalancerService(name);
            var fqdn = generator.ServiceFqdn(Workload.Namespace, name);
            service.Metadata.Annotations = AkoAnnotations(new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [fqdn] = generator.UuidOf("virtualservice", Workload.VirtualServiceName(name)),
            });
            await client.CoreV1.CreateNamespacedServiceAsync(service, Workload.Namespace);
        }, p.ClientParallelism);
        await world.CreateAllAsync(Ingresses, async ingress =>
        {
            var hostMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var host in ingress.Hosts) hostMap[host.Host] = generator.HostVirtualServiceUuid(host.Host, host.Tls);
            await client.NetworkingV1.CreateNamespacedIngressAsync(KubernetesIngress(ingress, AkoAnnotations(hostMap)), Workload.Namespace);
        }, p.ClientParallelism);

        world.Progress.Say("writing AKO's load-balancer statuses");
        await world.CreateAllAsync(Services, async name =>
        {
            var status = new JsonArray(new JsonObject { ["hostname"] = generator.ServiceFqdn(Workload.Namespace, name), ["ip"] = Vips[Workload.VirtualServiceName(name)] });
            lock (Statuses) Statuses[$"svc/{name}"] = status.ToJsonString();
            await client.CoreV1.PatchNamespacedServiceStatusAsync(StatusPatch(status), name, Workload.Namespace);
        }, p.ClientParallelism);
        await world.CreateAllAsync(Ingresses, async ingress =>
        {
            var status = new JsonArray(ingress.Hosts.Select(h => h.Host).Order(StringComparer.Ordinal)
                .Select(host => (JsonNode?)new JsonObject { ["hostname"] = host, ["ip"] = generator.HostVip(host) }).ToArray());
            lock (Statuses) Statuses[$"ingress/{ingress.Name}"] = status.ToJsonString();
            await client.NetworkingV1.PatchNamespacedIngressStatusAsync(StatusPatch(status), ingress.Name, Workload.Namespace);
        }, p.ClientParallelism);
        return DateTimeOffset.UtcNow - started;
    }

    /// <summary>Services and Ingresses whose status.loadBalancer.ingress is not what AKO left (read through the API).</summary>
    public async Task<List<string>> ChangedStatusesAsync(BenchWorld world)
    {
        var changed = new List<string>();
        var services = await world.Client.CoreV1.ListNamespacedServiceAsync(Workload.Namespace);
        foreach (var service in services.Items.Where(s => Statuses.ContainsKey($"svc/{s.Metadata.Name}")))
        {
            if (Normalised(service.Status?.LoadBalancer?.Ingress) != Statuses[$"svc/{service.Metadata.Name}"]) changed.Add($"svc/{service.Metadata.Name}");
        }
        var ingresses = await world.Client.NetworkingV1.ListNamespacedIngressAsync(Workload.Namespace);
        foreach (var ingress in ingresses.Items.Where(i => Statuses.ContainsKey($"ingress/{i.Metadata.Name}")))
        {
            var now = ingress.Status?.LoadBalancer?.Ingress?.Select(e => new V1LoadBalancerIngress { Hostname = e.Hostname, Ip = e.Ip }).ToList();
            if (Normalised(now) != Statuses[$"ingress/{ingress.Metadata.Name}"]) changed.Add($"ingress/{ingress.Metadata.Name}");
        }
        return changed;
    }

    private static string Normalised(IEnumerable<V1LoadBalancerIngress>? entries) =>
        new JsonArray((entries ?? []).Select(e => (JsonNode?)new JsonObject { ["hostname"] = e.Hostname, ["ip"] = e.Ip }).ToArray()).ToJsonString();

    private AkoMadeIngress Ingress(int index)
    {
        var backend = index % Parameters.Backends;
        var endpoints = IngressKit.BackendAddresses(backend, Parameters).Select(a => new AkoMadeEndpoint(a)).ToList();
        var paths = new List<AkoMadePath> { new("/", Workload.BackendName(backend), Workload.TargetPort, endpoints) };
        if (index % 5 == 1) paths.Add(new AkoMadePath("/api", Workload.BackendName(backend), Workload.TargetPort, endpoints));
        var tls = TlsEvery > 0 && index % TlsEvery == 0;
        return new AkoMadeIngress(Workload.Namespace, Workload.IngressName(index),
            Workload.IngressHosts(index).Select(h => new AkoMadeHost(h, paths, tls)).ToList());
    }

    private static V1Ingress KubernetesIngress(AkoMadeIngress ingress, Dictionary<string, string> annotations) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ingress.Name, NamespaceProperty = ingress.Namespace, Annotations = annotations,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "ako-bench" },
        },
        Spec = new V1IngressSpec
        {
            Tls = ingress.Hosts.Any(h => h.Tls) ? [new V1IngressTLS { Hosts = ingress.Hosts.Where(h => h.Tls).Select(h => h.Host).ToList(), SecretName = SecretName }] : null,
            Rules = ingress.Hosts.Select(host => new V1IngressRule
            {
                Host = host.Host,
                Http = new V1HTTPIngressRuleValue
                {
                    Paths = host.Paths.Select(path => new V1HTTPIngressPath
                    {
                        Path = path.Path, PathType = "Prefix",
                        Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = path.Service, Port = new V1ServiceBackendPort { Number = Workload.ServicePort } } },
                    }).ToList(),
                },
            }).ToList(),
        },
    };

    /// <summary>AKO's three annotations for AMKO: host → VS uuid (Go's json.Marshal: sorted keys), controller uuid, tenant.</summary>
    private static Dictionary<string, string> AkoAnnotations(SortedDictionary<string, string> hostMap) => new(StringComparer.Ordinal)
    {
        ["ako.vmware.com/host-fqdn-vs-uuid-map"] = System.Text.Json.JsonSerializer.Serialize(hostMap),
        ["ako.vmware.com/controller-cluster-uuid"] = ControllerClusterUuid,
        ["ako.vmware.com/tenant-name"] = Tenant,
    };

    private static V1Patch StatusPatch(JsonArray ingress) =>
        new(new JsonObject { ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = ingress.DeepClone() } } }.ToJsonString(),
            V1Patch.PatchType.MergePatch);

    private IEnumerable<string> ServiceAddresses(int index) =>
        Kit.Addresses(Parameters.Backends * Parameters.Endpoints + index * Parameters.Endpoints, Parameters.Endpoints);

    /// <summary>VIP number n of the VIP network's range (172.16.1.1 upwards, 254 per /24).</summary>
    private static string VipAddress(int n) => $"172.16.{1 + (n / 254)}.{1 + (n % 254)}";

    private static (string Certificate, string Key)? _certificate;

    /// <summary>One self-signed <c>*.ako.example.com</c> certificate (valid from yesterday for a year) for every TLS host.</summary>
    private static (string Certificate, string Key) WildcardCertificate()
    {
        if (_certificate is { } made) return made;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=*.{Workload.HostDomain}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName($"*.{Workload.HostDomain}");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _certificate = (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
        return _certificate.Value;
    }
}
