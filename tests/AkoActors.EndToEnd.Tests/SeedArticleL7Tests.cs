using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.Testing;
using k8s;
using DnsClient;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The seed article's L7 half with kubectl: Ingresses on the shared VS, their ADDRESS, the Avi DNS answering
/// for their hosts, a TLS Ingress with an SNI child and the redirect, and a clean controller after deletion.</summary>
public sealed class SeedArticleL7Tests : IAsyncLifetime
{
    private const string SharedVs = "avi-cluster--Shared-L7-0";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_ingresses_share_one_vs_and_vip_and_both_names_resolve_through_the_avi_dns()
    {
        await DeployAsync("nginx1");
        await DeployAsync("httpd1");
        (await _world.Kubectl.RunWithInputAsync(Ingress("nginx1-ingress", "nginx1.ako.example.com", "nginx1"), "apply", "-f", "-")).EnsureSuccess();
        (await _world.Kubectl.RunWithInputAsync(Ingress("httpd1-ingress", "httpd1.ako.example.com", "httpd1"), "apply", "-f", "-")).EnsureSuccess();

        var nginxAddress = await AddressAsync("nginx1-ingress");
        var httpdAddress = await AddressAsync("httpd1-ingress");
        Assert.Equal(nginxAddress, httpdAddress);
        var table = (await _world.Kubectl.RunAsync("get", "ing")).EnsureSuccess().StandardOutput;
        Assert.Contains("nginx1.ako.example.com", table, StringComparison.Ordinal);
        Assert.Contains(nginxAddress, table, StringComparison.Ordinal);

        var vs = _world.AviObject("virtualservice", SharedVs)!;
        Assert.Equal("VS_TYPE_VH_PARENT", vs["type"]!.GetValue<string>());
        var fqdns = _world.AviObject("vsvip", SharedVs)!["dns_info"]!.AsArray().Select(d => d!["fqdn"]!.GetValue<string>()).Order().ToList();
        // The shard VS's own name as AKO registers it (autoFQDN default: <vs>.<tenant>.<sub-domain>), then the hosts.
        Assert.Equal(["avi-cluster--Shared-L7-0.admin.ako.example.com", "httpd1.ako.example.com", "nginx1.ako.example.com"], fqdns);
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--nginx1.ako.example.com_-default-nginx1-ingress"));
        await Eventually.HoldsAsync(() => Task.FromResult(
            _world.AviObject("pool", "avi-cluster--nginx1.ako.example.com_-default-nginx1-ingress")?["servers"]?.AsArray().Count == 1),
            "the nginx1 pod in the nginx1 Ingress pool");

        var dns = new LookupClient(new LookupClientOptions(new NameServer(IPAddress.Loopback, _world.Avi.DnsPort!.Value)) { UseCache = false, Timeout = TimeSpan.FromSeconds(2) });
        foreach (var host in new[] { "nginx1.ako.example.com", "httpd1.ako.example.com" })
        {
            var answer = await dns.QueryAsync(host, QueryType.A);
            Assert.Equal(nginxAddress, Assert.Single(answer.Answers.ARecords()).Address.ToString());
        }

        // Only one replica writes the shared VS: every write to it carries the same replica header.
        Assert.Single(_world.WritesSince().Where(w => w.Name == SharedVs).Select(w => w.Replica).Distinct());
    }

    [Fact]
    public async Task A_tls_ingress_gets_a_certificate_an_sni_child_and_an_http_to_https_redirect_once_its_secret_exists()
    {
        await DeployAsync("secure");
        (await _world.Kubectl.RunWithInputAsync(Ingress("secure-ingress", "secure.ako.example.com", "secure", tlsSecret: "secure-tls"), "apply", "-f", "-")).EnsureSuccess();

        var warning = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=secure-ingress")).StandardOutput;
            return events.Contains("MissingTlsSecret", StringComparison.Ordinal) ? events : null;
        }, "a MissingTlsSecret warning on secure-ingress");
        Assert.Contains("secure-tls", warning, StringComparison.Ordinal);
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--secure.ako.example.com"));

        var (certificate, key) = SelfSignedCertificates.For("secure.ako.example.com");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "secure.crt"), certificate);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "secure.key"), key);
        (await _world.Kubectl.RunAsync("create", "secret", "tls", "secure-tls",
            $"--cert={Path.Combine(Path.GetTempPath(), "secure.crt")}", $"--key={Path.Combine(Path.GetTempPath(), "secure.key")}")).EnsureSuccess();

        var child = await Eventually.GetAsync(() => Task.FromResult(_world.AviObject("virtualservice", "avi-cluster--secure.ako.example.com")),
            "the SNI child VS");
        Assert.Equal("VS_TYPE_VH_CHILD", child["type"]!.GetValue<string>());
        Assert.Equal(["secure.ako.example.com"], child["vh_domain_name"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.NotNull(_world.AviObject("sslkeyandcertificate", "avi-cluster--secure.ako.example.com"));
        Assert.NotNull(_world.AviObject("poolgroup", "avi-cluster--default-secure.ako.example.com_-secure-ingress"));
        var parentRules = _world.AviObject("httppolicyset", SharedVs)!["http_request_policy"]!["rules"]!.AsArray();
        var redirect = parentRules.Single(r => r!["redirect_action"] is not null)!;
        Assert.Equal("HTTPS", redirect["redirect_action"]!["protocol"]!.GetValue<string>());
        Assert.Equal("secure.ako.example.com", redirect["match"]!["host_hdr"]!["value"]![0]!.GetValue<string>());
        await AddressAsync("secure-ingress");
    }

    [Fact]
    public async Task A_rotated_key_and_certificate_rewrite_the_avi_certificate_with_the_key_fetched_from_the_secret()
    {
        await DeployAsync("rotate");
        (await _world.Kubectl.RunWithInputAsync(Ingress("rotate-ingress", "rotate.ako.example.com", "rotate", tlsSecret: "rotate-tls"), "apply", "-f", "-")).EnsureSuccess();
        var first = await ApplyTlsSecretAsync("rotate-tls", "rotate.ako.example.com");
        await Eventually.GetAsync(() => Task.FromResult(CertificateOf("avi-cluster--rotate.ako.example.com") == first ? first : null), "the first certificate on the controller");
        var mark = _world.AuditMark;

        // cert-manager (or a user) renews: a new key and a new certificate in the same Secret.
        var renewed = await ApplyTlsSecretAsync("rotate-tls", "rotate.ako.example.com");

        await Eventually.GetAsync(() => Task.FromResult(CertificateOf("avi-cluster--rotate.ako.example.com") == renewed ? renewed : null), "the renewed certificate on the controller");
        // The simulator, like the controller, accepts a new certificate only with its own key: the write carried the new key,
        // fetched from the Secret (no cache holds it).
        Assert.Contains(_world.WritesSince(mark), w => w.Method == "PUT" && w.ObjectType == "sslkeyandcertificate" && w.Status == 200);
        Assert.Equal("<sensitive>", _world.AviObject("sslkeyandcertificate", "avi-cluster--rotate.ako.example.com")!["key"]!.GetValue<string>());
    }

    private string? CertificateOf(string name) =>
        _world.AviObject("sslkeyandcertificate", name)?["certificate"]?["certificate"]?.GetValue<string>().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Creates or replaces a TLS Secret with a fresh key and certificate, as a user would with kubectl; returns the certificate.</summary>
    private async Task<string> ApplyTlsSecretAsync(string name, string host)
    {
        var (certificate, key) = SelfSignedCertificates.For(host);
        var dir = Directory.CreateTempSubdirectory("tls-").FullName;
        File.WriteAllText(Path.Combine(dir, "tls.crt"), certificate);
        File.WriteAllText(Path.Combine(dir, "tls.key"), key);
        var manifest = (await _world.Kubectl.RunAsync("create", "secret", "tls", name, $"--cert={Path.Combine(dir, "tls.crt")}", $"--key={Path.Combine(dir, "tls.key")}",
            "--dry-run=client", "-o", "yaml")).EnsureSuccess().StandardOutput;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
        Directory.Delete(dir, recursive: true);
        return certificate.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    [Fact]
    public async Task An_unparsable_certificate_is_refused_before_any_write_reported_on_its_ingress_and_other_hosts_keep_working()
    {
        await DeployAsync("web");
        await _world.Client.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "broken-tls" },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = "not a certificate"u8.ToArray(), ["tls.key"] = "not a key"u8.ToArray() },
        }, "default");
        (await _world.Kubectl.RunWithInputAsync(Ingress("broken", "broken.ako.example.com", "web", tlsSecret: "broken-tls"), "apply", "-f", "-")).EnsureSuccess();
        (await _world.Kubectl.RunWithInputAsync(Ingress("fine", "fine.ako.example.com", "web"), "apply", "-f", "-")).EnsureSuccess();

        await AddressAsync("fine");
        var events = await Eventually.GetAsync(async () =>
        {
            var output = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=broken")).StandardOutput;
            return output.Contains("InvalidTlsSecret", StringComparison.Ordinal) ? output : null;
        }, "an InvalidTlsSecret warning on the broken Ingress");
        Assert.Contains("broken.ako.example.com", events, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.WritesSince(), w => w.Name == "avi-cluster--broken.ako.example.com");
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--broken.ako.example.com"));
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--fine.ako.example.com_-default-fine"));
    }

    [Fact]
    public async Task Deleting_every_ingress_removes_every_object_of_ours_and_releases_the_shared_vip()
    {
        await DeployAsync("nginx1");
        (await _world.Kubectl.RunWithInputAsync(Ingress("nginx1-ingress", "nginx1.ako.example.com", "nginx1"), "apply", "-f", "-")).EnsureSuccess();
        await AddressAsync("nginx1-ingress");

        (await _world.Kubectl.RunAsync("delete", "ingress", "nginx1-ingress")).EnsureSuccess();

        await Eventually.HoldsAsync(() => Task.FromResult(OwnedObjects().Count == 0), "no object of ours on the controller",
            TimeSpan.FromSeconds(20));
        Assert.Null(_world.AviObject("vsvip", SharedVs));
    }

    private List<string> OwnedObjects()
    {
        var state = _world.Avi.Simulator.DumpState();
        return state.SelectMany(type => type.Value is JsonArray items
                ? items.OfType<JsonObject>()
                    .Where(o => o["name"]?.GetValue<string>().StartsWith("avi-cluster--", StringComparison.Ordinal) == true)
                    .Select(o => $"{type.Key}/{o["name"]}")
                : [])
            .ToList();
    }

    private async Task DeployAsync(string name)
    {
        (await _world.Kubectl.RunAsync("create", "deploy", name, "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", name, "--port=80")).EnsureSuccess();
    }

    private Task<string> AddressAsync(string ingress) =>
        Eventually.GetAsync(async () =>
        {
            var address = (await _world.Kubectl.RunAsync("get", "ing", ingress, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return address.StartsWith("172.16.251.", StringComparison.Ordinal) ? address : null;
        }, $"an ADDRESS on {ingress}", TimeSpan.FromSeconds(30));

    private static string Ingress(string name, string host, string service, string? tlsSecret = null) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {"{"}name: {name}{"}"}
        spec:
        {(tlsSecret is null ? "" : $"  tls: [{{hosts: [{host}], secretName: {tlsSecret}}}]\n")}  rules:
          - host: {host}
            http:
              paths:
              - {"{"}path: /, pathType: Prefix, backend: {"{"}service: {"{"}name: {service}, port: {"{"}number: 80{"}"}{"}"}{"}"}{"}"}
        """;
}
