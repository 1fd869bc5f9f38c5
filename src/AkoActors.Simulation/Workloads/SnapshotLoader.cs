using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Simulation.Workloads;

/// <summary>Puts a <see cref="ClusterSnapshot"/> into KubeSim through the API, as a cluster that has what the snapshot
/// shows: namespaces, IngressClasses, nodes, TLS Secrets, Services, their EndpointSlices, Ingresses. Server-set fields go
/// (uids, resource versions, statuses, cluster IPs); what would make the simulation differ from the cluster is changed and
/// said: selectors go (no Pods are simulated: the snapshot's EndpointSlices are the endpoints, kept as the simulation's
/// own), addresses asked outside the simulation's VIP range go, and a TLS Secret an Ingress names but the snapshot lacks
/// (Secrets are optional: key material is never needed) is made with a throw-away self-signed certificate.</summary>
internal static class SnapshotLoader
{
    public const string ManagedBy = "ako-simulate";
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Returns the EndpointSlices loaded (namespace, name, Service), which endpoint changes pick from.</summary>
    public static async Task<IReadOnlyList<(string Namespace, string Name, string Service)>> LoadAsync(
        IKubernetes client, ClusterSnapshot snapshot, Action<string> say)
    {
        say($"loading the cluster snapshot: {snapshot}");
        var notes = new List<string>();
        foreach (var ns in snapshot.Namespaces.Select(n => n.Metadata.Name)
                     .Concat(snapshot.Services.Select(s => s.Metadata.NamespaceProperty))
                     .Concat(snapshot.Ingresses.Select(i => i.Metadata.NamespaceProperty))
                     .Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal))
        {
            var source = snapshot.Namespaces.FirstOrDefault(n => n.Metadata.Name == ns);
            await IgnoreExisting(() => client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = Meta(source?.Metadata ?? new V1ObjectMeta { Name = ns }, null) }));
        }
        foreach (var ingressClass in snapshot.IngressClasses)
        {
            await IgnoreExisting(() => client.NetworkingV1.CreateIngressClassAsync(new V1IngressClass { Metadata = Meta(ingressClass.Metadata, null), Spec = ingressClass.Spec }));
        }
        foreach (var node in snapshot.Nodes)
        {
            await IgnoreExisting(() => client.CoreV1.CreateNodeAsync(new V1Node { Metadata = Meta(node.Metadata, null), Spec = node.Spec, Status = node.Status }));
        }
        var secrets = snapshot.Secrets.Select(s => (s.Metadata.NamespaceProperty, s.Metadata.Name)).ToHashSet();
        foreach (var secret in snapshot.Secrets)
        {
            await IgnoreExisting(() => client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = Meta(secret.Metadata, secret.Metadata.NamespaceProperty), Type = secret.Type, Data = secret.Data }, secret.Metadata.NamespaceProperty));
        }
        var missing = snapshot.Ingresses
            .SelectMany(i => (i.Spec?.Tls ?? []).Where(t => !string.IsNullOrEmpty(t.SecretName)).Select(t => (i.Metadata.NamespaceProperty, t.SecretName)))
            .Distinct().Where(s => !secrets.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            var (certificate, key) = ThrowAwayCertificate(snapshot.Ingresses.SelectMany(i => i.Spec?.Tls ?? []).SelectMany(t => t.Hosts ?? []).Distinct().Take(100).ToList());
            foreach (var (ns, name) in missing)
            {
                await IgnoreExisting(() => client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = ManagedBy } },
                    Type = "kubernetes.io/tls",
                    Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.ASCII.GetBytes(certificate), ["tls.key"] = Encoding.ASCII.GetBytes(key) },
                }, ns));
            }
            notes.Add($"{missing.Count} TLS Secret(s) named by Ingresses but not in the snapshot were made with a throw-away self-signed certificate");
        }
        var selectorsDropped = 0;
        var addressesDropped = 0;
        foreach (var service in snapshot.Services)
        {
            var spec = service.Spec ?? new V1ServiceSpec();
            if (spec.Selector is { Count: > 0 }) selectorsDropped++;
            var annotations = service.Metadata.Annotations?.Where(a => a.Key != LastApplied).ToDictionary(a => a.Key, a => a.Value);
            if (spec.LoadBalancerIP is { } asked && !SimulationAviProfile.InVipRange(asked))
            {
                addressesDropped++;
                spec.LoadBalancerIP = null;
            }
            if (annotations?.GetValueOrDefault("ako.vmware.com/load-balancer-ip") is { } annotated && !SimulationAviProfile.InVipRange(annotated))
            {
                addressesDropped++;
                annotations.Remove("ako.vmware.com/load-balancer-ip");
            }
            spec.Selector = null;
            spec.ClusterIP = null;
            spec.ClusterIPs = null;
            var meta = Meta(service.Metadata, service.Metadata.NamespaceProperty);
            meta.Annotations = annotations;
            await IgnoreExisting(() => client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = meta, Spec = spec }, service.Metadata.NamespaceProperty));
        }
        if (selectorsDropped > 0) notes.Add($"{selectorsDropped} Service selector(s) left out: no Pods are simulated, the snapshot's EndpointSlices are the endpoints");
        if (addressesDropped > 0)
        {
            notes.Add($"{addressesDropped} requested address(es) outside the simulation's VIP range {SimulationAviProfile.VipRangeBegin}-{SimulationAviProfile.VipRangeEnd} left out (IPAM chooses)");
        }
        var slices = new List<(string, string, string)>();
        foreach (var slice in snapshot.EndpointSlices)
        {
            var meta = Meta(slice.Metadata, slice.Metadata.NamespaceProperty);
            if (meta.Labels is null || !meta.Labels.TryGetValue("kubernetes.io/service-name", out var service) || string.IsNullOrEmpty(service)) continue;
            meta.Labels["endpointslice.kubernetes.io/managed-by"] = ManagedBy;
            await IgnoreExisting(() => client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(
                new V1EndpointSlice { Metadata = meta, AddressType = slice.AddressType, Ports = slice.Ports, Endpoints = slice.Endpoints }, meta.NamespaceProperty));
            slices.Add((meta.NamespaceProperty, meta.Name, service));
        }
        foreach (var ingress in snapshot.Ingresses)
        {
            await IgnoreExisting(() => client.NetworkingV1.CreateNamespacedIngressAsync(
                new V1Ingress { Metadata = Meta(ingress.Metadata, ingress.Metadata.NamespaceProperty), Spec = ingress.Spec }, ingress.Metadata.NamespaceProperty));
        }
        foreach (var note in notes) say($"snapshot: {note}");
        return slices;
    }

    /// <summary>Name, namespace, labels and annotations only (kubectl's last-applied copy left out).</summary>
    private static V1ObjectMeta Meta(V1ObjectMeta source, string? ns) => new()
    {
        Name = source.Name,
        NamespaceProperty = ns,
        Labels = source.Labels is null ? null : new Dictionary<string, string>(source.Labels),
        Annotations = source.Annotations?.Where(a => a.Key != LastApplied).ToDictionary(a => a.Key, a => a.Value),
    };

    /// <summary>Objects the simulation has already (default namespaces, the avi-lb class) stay as they are.</summary>
    private static async Task IgnoreExisting(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    private static (string Certificate, string Key) ThrowAwayCertificate(IReadOnlyList<string> hosts)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ako-simulate", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts.Count == 0 ? ["ako-simulate.example.com"] : hosts) names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
