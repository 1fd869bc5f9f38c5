using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Testing.Cluster;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>A small cluster for L7 translation tables: the avi-lb class (default), Services with ready endpoints, TLS Secrets.</summary>
internal sealed class L7World
{
    public L7World(ShardVsSize size = ShardVsSize.Small)
    {
        Context = new TranslationContext(
            new AkoSettings
            {
                ClusterName = "c1",
                ShardVsSize = size,
                VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
            },
            new[] { "ako.example.com" }.ToEquatableArray());
        Cluster.IngressClasses["avi-lb"] = new IngressClassSnapshot("avi-lb", IngressClassSnapshot.AviController, IsDefault: true);
    }

    public InMemoryClusterState Cluster { get; } = new();

    public TranslationContext Context { get; }

    /// <summary>A ClusterIP Service with port 80 → 8080 and the given ready pod IPs.</summary>
    public L7World Service(string name, params string[] podIps)
    {
        var key = new ServiceKey("default", name);
        Cluster.Services[key] = new ServiceSnapshot(key, $"uid-{name}", "ClusterIP", null,
            new[] { new ServicePortSpec("http", "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);
        Cluster.Slices[key] =
        [
            new EndpointSliceSnapshot("default", $"{name}-x", name, "IPv4", new[] { new EndpointPortSpec("http", 8080, "TCP") }.ToEquatableArray(),
                podIps.Select(ip => new EndpointSpec(new[] { ip }.ToEquatableArray(), true, true, false, "n1")).ToEquatableArray()),
        ];
        return this;
    }

    /// <summary>A TLS Secret; by default a real self-signed certificate and its key (<paramref name="pair"/> picks one of two),
    /// valid from a day ago for a year.</summary>
    public L7World Secret(string name, string? certificate = null, string? key = null, int pair = 0)
    {
        var (realCertificate, realKey) = CertificatePair(pair, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
        Cluster.Secrets[("default", name)] = TlsSecretSnapshot.FromPem("default", name, "kubernetes.io/tls", certificate ?? realCertificate, certificate is null ? realKey : key);
        return this;
    }

    /// <summary>A self-signed certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>, with its key.</summary>
    public static (string Certificate, string Key) CertificatePair(int pair, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var rsa = Keys[pair];
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=secure.ako.example.com", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }

    private static readonly System.Security.Cryptography.RSA[] Keys = [System.Security.Cryptography.RSA.Create(2048), System.Security.Cryptography.RSA.Create(2048)];

    public IngressSnapshot Ingress(string name, int ageMinutes, params (string Host, string Path, string Service)[] rules) =>
        Ingress(name, ageMinutes, null, rules);

    public IngressSnapshot Ingress(string name, int ageMinutes, (string[] Hosts, string Secret)? tls, params (string Host, string Path, string Service)[] rules)
    {
        var snapshot = new IngressSnapshot(
            new IngressKey("default", name),
            $"uid-{name}",
            DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-ageMinutes),
            null,
            LabelSet.Empty,
            rules.GroupBy(r => r.Host)
                .Select(g => new IngressRuleSpec(g.Key, g.Select(r => new IngressPathSpec(r.Path, "Prefix",
                    new IngressBackendSpec(r.Service, PortReference.OfNumber(80)))).ToEquatableArray()))
                .ToEquatableArray(),
            tls is { } t ? new[] { new IngressTlsSpec(t.Hosts.ToEquatableArray(), t.Secret) }.ToEquatableArray() : EquatableArray<IngressTlsSpec>.Empty,
            null,
            EquatableArray<LoadBalancerIngressStatus>.Empty);
        Cluster.Ingresses[snapshot.Key] = snapshot;
        return snapshot;
    }
}
