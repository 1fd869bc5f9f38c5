using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The name collisions AKO's naming allows, replayed with kubectl as a user would: the Kubernetes object whose Avi
/// objects are on the controller keeps them untouched, and the newcomer gets a NameCollision Warning and no address.</summary>
public sealed class NameCollisionTests : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Service_a_slash_b_c_cannot_take_over_or_delete_the_load_balancer_of_a_b_slash_c()
    {
        await Run("create", "ns", "a-b");
        await Run("create", "ns", "a");
        await Run("-n", "a-b", "create", "deploy", "c", "--image=nginx");
        await Run("-n", "a-b", "expose", "deploy", "c", "--type=LoadBalancer", "--port=80");
        var vip = await ExternalIpAsync("a-b", "c");
        var mark = _world.AuditMark;

        await Run("-n", "a", "create", "deploy", "b-c", "--image=nginx");
        await Run("-n", "a", "expose", "deploy", "b-c", "--type=LoadBalancer", "--port=80");

        var warning = await WarningAsync("a", "b-c", "NameCollision");
        Assert.Contains("Service a-b/c", warning, StringComparison.Ordinal);
        Assert.Contains("Rename", warning, StringComparison.Ordinal);
        Assert.Empty(await ExternalIpOrEmptyAsync("a", "b-c"));
        Assert.DoesNotContain(_world.WritesSince(mark), w => (w.Name ?? "").StartsWith("avi-cluster--a-b-c", StringComparison.Ordinal) && w.Status < 300);

        await Run("-n", "a", "delete", "svc", "b-c");
        await Run("-n", "a-b", "scale", "deploy", "c", "--replicas=2");

        // a-b/c still owns its tree: its scale-up is written, and nothing of it was deleted.
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pool", "avi-cluster--a-b-c-TCP-80")?["servers"]?.AsArray().Count == 2),
            "a-b/c's pool with both pods", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(_world.WritesSince(mark), w => w.Method == "DELETE" && (w.Name ?? "").StartsWith("avi-cluster--a-b-c", StringComparison.Ordinal));
        Assert.NotNull(_world.AviObject("virtualservice", "avi-cluster--a-b-c"));
        Assert.Equal(vip, await ExternalIpAsync("a-b", "c"));
        var markers = _world.AviObject("virtualservice", "avi-cluster--a-b-c")!["markers"]!.ToJsonString();
        Assert.Contains("\"a-b\"", markers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_ingress_host_named_like_a_load_balancer_service_leaves_that_service_untouched()
    {
        await Run("create", "ns", "col");
        await Run("create", "ns", "p3");
        await Run("-n", "col", "create", "deploy", "web", "--image=nginx");
        await Run("-n", "col", "expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        var vip = await ExternalIpAsync("col", "web");
        var mark = _world.AuditMark;

        await Run("-n", "p3", "create", "deploy", "site", "--image=nginx");
        await Run("-n", "p3", "expose", "deploy", "site", "--port=80");
        await TlsSecretAsync("p3", "col-web-tls", "col-web");
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: colliding, namespace: p3}
            spec:
              tls: [{hosts: [col-web], secretName: col-web-tls}]
              rules:
              - host: col-web
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: site, port: {number: 80}}}}]}
            """, "apply", "-f", "-")).EnsureSuccess();

        var warning = await WarningAsync("p3", "colliding", "NameCollision");
        Assert.Contains("Service col/web", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.WritesSince(mark), w => (w.Name ?? "").StartsWith("avi-cluster--col-web", StringComparison.Ordinal) && w.Status < 300);
        Assert.Equal("VS_TYPE_NORMAL", _world.AviObject("virtualservice", "avi-cluster--col-web")!["type"]!.GetValue<string>());
        Assert.NotNull(_world.AviObject("vsvip", "avi-cluster--col-web"));
        Assert.NotNull(_world.AviObject("l4policyset", "avi-cluster--col-web"));
        Assert.Equal(vip, await ExternalIpAsync("col", "web"));
    }

    [Fact]
    public async Task A_load_balancer_service_named_like_a_tls_hosts_sni_child_leaves_the_shared_vs_and_its_ingresses_untouched()
    {
        await Run("create", "ns", "l7");
        await Run("-n", "l7", "create", "deploy", "site", "--image=nginx");
        await Run("-n", "l7", "expose", "deploy", "site", "--port=80");
        await TlsSecretAsync("l7", "zz-y-tls", "zz-y");
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: tls-site, namespace: l7}
            spec:
              tls: [{hosts: [zz-y], secretName: zz-y-tls}]
              rules:
              - host: zz-y
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: site, port: {number: 80}}}}]}
              - host: other.ako.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: site, port: {number: 80}}}}]}
            """, "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("virtualservice", "avi-cluster--zz-y") is not null), "the SNI child of zz-y",
            TimeSpan.FromSeconds(30));
        var address = await Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("-n", "l7", "get", "ing", "tls-site", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.Length > 0 ? ip : null;
        }, "an ADDRESS on tls-site", TimeSpan.FromSeconds(30));
        var mark = _world.AuditMark;

        await Run("create", "ns", "zz");
        await Run("-n", "zz", "create", "deploy", "y", "--image=nginx");
        await Run("-n", "zz", "expose", "deploy", "y", "--type=LoadBalancer", "--port=80");

        var warning = await WarningAsync("zz", "y", "NameCollision");
        Assert.Contains("the Ingress host zz-y", warning, StringComparison.Ordinal);
        Assert.Empty(await ExternalIpOrEmptyAsync("zz", "y"));
        var writes = _world.WritesSince(mark).Where(w => w.Status < 300).ToList();
        Assert.DoesNotContain(writes, w => w.Method == "DELETE");
        Assert.DoesNotContain(writes, w => (w.Name ?? "").StartsWith("avi-cluster--zz-y", StringComparison.Ordinal) || (w.Name ?? "").StartsWith("avi-cluster--Shared-L7", StringComparison.Ordinal));
        Assert.Equal("VS_TYPE_VH_CHILD", _world.AviObject("virtualservice", "avi-cluster--zz-y")!["type"]!.GetValue<string>());
        Assert.Equal(address, (await _world.Kubectl.RunAsync("-n", "l7", "get", "ing", "tls-site", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim());
    }

    private async Task Run(params string[] args) => (await _world.Kubectl.RunAsync(args)).EnsureSuccess();

    private Task<string> ExternalIpAsync(string ns, string name) =>
        Eventually.GetAsync(async () =>
        {
            var ip = await ExternalIpOrEmptyAsync(ns, name);
            return ip.StartsWith("172.16.251.", StringComparison.Ordinal) ? ip : null;
        }, $"an EXTERNAL-IP on {ns}/{name}", TimeSpan.FromSeconds(30));

    private async Task<string> ExternalIpOrEmptyAsync(string ns, string name) =>
        (await _world.Kubectl.RunAsync("-n", ns, "get", "svc", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();

    private Task<string> WarningAsync(string ns, string name, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", ns, "get", "events", "--field-selector", $"involvedObject.name={name},type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal));
        }, $"a {reason} Warning on {ns}/{name}", TimeSpan.FromSeconds(30));

    private async Task TlsSecretAsync(string ns, string name, string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var directory = Directory.CreateTempSubdirectory("ako-tls-");
        var crt = Path.Combine(directory.FullName, "tls.crt");
        var key = Path.Combine(directory.FullName, "tls.key");
        await File.WriteAllTextAsync(crt, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
        await Run("-n", ns, "create", "secret", "tls", name, $"--cert={crt}", $"--key={key}");
    }
}
