using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15 point 2: the annotations AMKO reads, kept as AKO keeps them on Services and Ingresses made with kubectl —
/// <c>ako.vmware.com/host-fqdn-vs-uuid-map</c> (<c>{"&lt;host&gt;":"&lt;VS uuid&gt;"}</c>: a Service's automatic FQDN → its
/// L4 VS; an Ingress's insecure host → the shared VS, its TLS host → the SNI child), <c>controller-cluster-uuid</c>
/// (the controller's <c>/api/cluster</c> uuid) and <c>tenant-name</c>; all three removed when the object is no longer
/// served. The recorded AKO values are compared in <see cref="TakeoverFromAkoTests"/>.</summary>
public sealed class AkoAnnotationsTests : IAsyncLifetime
{
    private const string HostMap = "ako.vmware.com/host-fqdn-vs-uuid-map";
    private const string ClusterUuid = "ako.vmware.com/controller-cluster-uuid";
    private const string Tenant = "ako.vmware.com/tenant-name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_load_balancer_service_gets_akos_annotations_and_loses_them_when_it_stops_being_one()
    {
        (await _world.Kubectl.RunAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("annotate", "svc", "nginx1", "team=web")).EnsureSuccess();
        var controllerUuid = await ControllerClusterUuidAsync();

        var annotations = await Eventually.GetAsync(async () => await AnnotationsAsync("svc", "nginx1") is { } a && a.ContainsKey(HostMap) ? a : null,
            "AKO's annotations on Service nginx1", TimeSpan.FromSeconds(30));
        var vsUuid = _world.AviObject("virtualservice", "avi-cluster--default-nginx1")!["uuid"]!.GetValue<string>();
        // Byte for byte as AKO's json.Marshal writes the map.
        Assert.Equal($$"""{"nginx1.default.ako.example.com":"{{vsUuid}}"}""", annotations[HostMap]);
        Assert.Equal(controllerUuid, annotations[ClusterUuid]);
        Assert.Equal("admin", annotations[Tenant]);
        Assert.Equal("web", annotations["team"]);

        (await _world.Kubectl.RunAsync("patch", "svc", "nginx1", "--type=merge", "-p", """{"spec":{"type":"ClusterIP"}}""")).EnsureSuccess();
        var after = await Eventually.GetAsync(async () => await AnnotationsAsync("svc", "nginx1") is { } a && !a.ContainsKey(HostMap) ? a : null,
            "AKO's annotations removed from Service nginx1", TimeSpan.FromSeconds(30));
        Assert.False(after.ContainsKey(ClusterUuid));
        Assert.False(after.ContainsKey(Tenant));
        Assert.Equal("web", after["team"]);
    }

    [Fact]
    public async Task Ingress_hosts_map_to_the_shared_vs_and_a_tls_host_to_its_sni_child()
    {
        (await _world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "web", "--port=80")).EnsureSuccess();
        var (certificate, key) = SelfSigned("secure.ako.example.com");
        var dir = Directory.CreateTempSubdirectory("ako-annotations-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "tls.crt"), certificate);
        await File.WriteAllTextAsync(Path.Combine(dir, "tls.key"), key);
        (await _world.Kubectl.RunAsync("create", "secret", "tls", "secure-tls", $"--cert={Path.Combine(dir, "tls.crt")}", $"--key={Path.Combine(dir, "tls.key")}"))
            .EnsureSuccess();
        (await _world.Kubectl.RunAsync("create", "ingress", "web",
            "--rule=plain.ako.example.com/*=web:80", "--rule=secure.ako.example.com/*=web:80,tls=secure-tls")).EnsureSuccess();
        var controllerUuid = await ControllerClusterUuidAsync();

        var annotations = await Eventually.GetAsync(async () =>
                await AnnotationsAsync("ingress", "web") is { } a && a.TryGetValue(HostMap, out var map) && map.Contains("secure", StringComparison.Ordinal) ? a : null,
            "AKO's annotations on Ingress web with both hosts", TimeSpan.FromSeconds(30));
        var shared = _world.AviObject("virtualservice", "avi-cluster--Shared-L7-0")!["uuid"]!.GetValue<string>();
        var child = _world.AviObject("virtualservice", "avi-cluster--secure.ako.example.com")!["uuid"]!.GetValue<string>();
        Assert.Equal($$"""{"plain.ako.example.com":"{{shared}}","secure.ako.example.com":"{{child}}"}""", annotations[HostMap]);
        Assert.Equal(controllerUuid, annotations[ClusterUuid]);
        Assert.Equal("admin", annotations[Tenant]);

        // A host dropped from the spec leaves the map; an Ingress of another class loses all three.
        (await _world.Kubectl.RunAsync("patch", "ingress", "web", "--type=json", "-p", """[{"op":"remove","path":"/spec/rules/0"}]""")).EnsureSuccess();
        await Eventually.HoldsAsync(async () => (await AnnotationsAsync("ingress", "web"))?.GetValueOrDefault(HostMap) == $$"""{"secure.ako.example.com":"{{child}}"}""",
            "the map without plain.ako.example.com", TimeSpan.FromSeconds(30));
        (await _world.Kubectl.RunAsync("patch", "ingress", "web", "--type=merge", "-p", """{"spec":{"ingressClassName":"other"}}""")).EnsureSuccess();
        await Eventually.HoldsAsync(async () => (await AnnotationsAsync("ingress", "web")) is { } a &&
                                                !a.ContainsKey(HostMap) && !a.ContainsKey(ClusterUuid) && !a.ContainsKey(Tenant),
            "AKO's annotations removed from Ingress web", TimeSpan.FromSeconds(30));
    }

    private async Task<Dictionary<string, string>?> AnnotationsAsync(string kind, string name)
    {
        var result = await _world.Kubectl.RunAsync("get", kind, name, "-o", "json");
        if (result.ExitCode != 0) return null;
        var annotations = JsonNode.Parse(result.StandardOutput)!["metadata"]!["annotations"] as JsonObject;
        return annotations?.ToDictionary(a => a.Key, a => a.Value!.GetValue<string>()) ?? [];
    }

    /// <summary>What <c>GET /api/cluster</c> answers, read as a user would, over the controller's REST API.</summary>
    private async Task<string> ControllerClusterUuidAsync()
    {
        using var connection = new AviConnection(
            new AviClientOptions { BaseUrl = new Uri(_world.Avi.HttpsUrl!), CertificateAuthorityPem = _world.Avi.HttpsCertificatePem, ReplicaId = "operator" },
            new AviCredentials(_world.Avi.Credentials!.Username, _world.Avi.Credentials.Password, null));
        var cluster = await new AviRestClient(connection).GetPathAsync("api/cluster", new AviCallContext("admin", "operator"), CancellationToken.None);
        return cluster["uuid"]!.GetValue<string>();
    }

    private static (string Certificate, string Key) SelfSigned(string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
