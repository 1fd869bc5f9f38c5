using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>AKO's HTTPRule end to end: the chart's CRD applied with kubectl, rules written as AKO's docs/crds/httprule.md
/// shows them, status read back with kubectl, and the Ingress paths' pools on AviSim checked field by field.</summary>
/// <remarks>Shapes relied on (AKO's v1beta1 HTTPRule): <c>spec.fqdn</c>, <c>spec.paths[].{target, loadBalancerPolicy.{algorithm,
/// hash, hostHeader}, healthMonitors, applicationPersistence, tls.{type, sslProfile, destinationCA, pkiProfile},
/// enableHTTP2}</c>; <c>status.{status, error}</c>.</remarks>
public sealed class HttpRuleTests : IAsyncLifetime
{
    private const string Host = "shop.ako.example.com";
    private const string ApiPool = "avi-cluster--shop.ako.example.com_api-default-shop";
    private const string RootPool = "avi-cluster--shop.ako.example.com_-default-shop";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        // The CRD is installed after the controller started (as when the chart's CRDs come later): it must find it on its own.
        _world = await ControllerWorld.StartWithAkoCrdAsync("ako.vmware.com_httprules.yaml");
        await _world.Kubectl.SucceedAsync("create", "deploy", "shop", "--image=nginxhellos/demo");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "shop", "--port=80");
        (await _world.Kubectl.RunWithInputAsync($$"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop}
            spec:
              rules:
              - host: {{Host}}
                http:
                  paths:
                  - path: /api
                    pathType: Prefix
                    backend: {service: {name: shop, port: {number: 80} } }
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: shop, port: {number: 80} } }
            """, "apply", "-f", "-")).EnsureSuccess();
        // The ADDRESS is written once the whole shared VS tree has converged: nothing of the Ingress's own is written after it.
        await Eventually.GetAsync(async () =>
        {
            var address = (await _world.Kubectl.RunAsync("get", "ing", "shop", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return address.Length > 0 && _world.AviObject("pool", ApiPool) is not null && _world.AviObject("pool", RootPool) is not null ? address : null;
        }, "the shop Ingress served, with both path pools", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_accepted_httprule_sets_the_pool_of_each_covered_path_and_deleting_it_restores_the_defaults()
    {
        var ca = CaCertificate();
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HTTPRule
            metadata: {name: shop-api}
            spec:
              fqdn: {{Host}}
              paths:
              - target: /api
                loadBalancerPolicy:
                  algorithm: LB_ALGORITHM_CONSISTENT_HASH
                  hash: LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER
                  hostHeader: X-User
                healthMonitors: [System-HTTP]
                applicationPersistence: System-Persistence-Client-IP
                enableHTTP2: true
                tls:
                  type: reencrypt
                  destinationCA: |
            {{Indent(ca, 8)}}
            """);

        Assert.Equal("Accepted", await StatusAsync("shop-api"));
        var pool = await PoolWhereAsync(ApiPool, p => p["lb_algorithm_hash"] is not null, "the /api pool with the HTTPRule's settings");
        Assert.Equal("LB_ALGORITHM_CONSISTENT_HASH", pool["lb_algorithm"]!.GetValue<string>());
        Assert.Equal("LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER", pool["lb_algorithm_hash"]!.GetValue<string>());
        Assert.Equal("X-User", pool["lb_algorithm_consistent_hash_hdr"]!.GetValue<string>());
        Assert.EndsWith(Uuid("healthmonitor", "System-HTTP"), Assert.Single(pool["health_monitor_refs"]!.AsArray())!.GetValue<string>());
        Assert.EndsWith(Uuid("applicationpersistenceprofile", "System-Persistence-Client-IP"), pool["application_persistence_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("sslprofile", "System-Standard"), pool["ssl_profile_ref"]!.GetValue<string>());
        Assert.True(pool["enable_http2"]!.GetValue<bool>());
        var pki = _world.AviObject("pkiprofile", ApiPool + "-pkiprofile")!;
        Assert.EndsWith(pki["uuid"]!.GetValue<string>(), pool["pki_profile_ref"]!.GetValue<string>());
        Assert.Contains("BEGIN CERTIFICATE", pki["ca_certs"]![0]!["certificate"]!.GetValue<string>());
        // A path the rule's targets do not cover keeps the defaults.
        var root = _world.AviObject("pool", RootPool)!;
        Assert.Equal("LB_ALGORITHM_LEAST_CONNECTIONS", root["lb_algorithm"]!.GetValue<string>());
        Assert.EndsWith(Uuid("healthmonitor", "System-TCP"), Assert.Single(root["health_monitor_refs"]!.AsArray())!.GetValue<string>());

        // An edit rewrites exactly the pool it concerns.
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "httprule", "shop-api", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/paths/0/loadBalancerPolicy","value":{"algorithm":"LB_ALGORITHM_ROUND_ROBIN"}}]""");
        await PoolWhereAsync(ApiPool, p => p["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_ROUND_ROBIN", "the /api pool with round robin");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the edit's write");
        Assert.Equal([$"PUT pool {ApiPool} 200"], Writes(mark));
        Assert.Null(_world.AviObject("pool", ApiPool)!["lb_algorithm_hash"]);

        await _world.Kubectl.SucceedAsync("delete", "httprule", "shop-api");

        var restored = await PoolWhereAsync(ApiPool, p => p["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_LEAST_CONNECTIONS", "the /api pool back to its defaults");
        Assert.EndsWith(Uuid("healthmonitor", "System-TCP"), Assert.Single(restored["health_monitor_refs"]!.AsArray())!.GetValue<string>());
        Assert.Null(restored["application_persistence_profile_ref"]);
        Assert.Null(restored["pki_profile_ref"]);
        Assert.Null(restored["enable_http2"]);
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pkiprofile", ApiPool + "-pkiprofile") is null), "the PKI profile made for the CA removed");
    }

    [Fact]
    public async Task An_httprule_naming_a_missing_health_monitor_is_rejected_and_writes_nothing_until_fixed()
    {
        var mark = _world.AuditMark;
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HTTPRule
            metadata: {name: shop-hm}
            spec:
              fqdn: {{Host}}
              paths:
              - target: /
                healthMonitors: [missing-monitor]
            """);

        Assert.Equal("Rejected", await StatusAsync("shop-hm"));
        var error = (await _world.Kubectl.SucceedAsync("get", "httprule", "shop-hm", "-o", "jsonpath={.status.error}")).StandardOutput;
        Assert.Contains("healthmonitor \"missing-monitor\" named in paths[/].healthMonitors not found on the Avi Controller", error);

        await _world.Kubectl.SucceedAsync("patch", "httprule", "shop-hm", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/paths/0/healthMonitors","value":["System-HTTP"]}]""");

        Assert.Equal("Accepted", await StatusAsync("shop-hm", "Accepted"));
        await PoolWhereAsync(RootPool, p => p["health_monitor_refs"]![0]!.GetValue<string>().EndsWith(Uuid("healthmonitor", "System-HTTP"), StringComparison.Ordinal),
            "the / pool with the fixed health monitor");
        // The target "/" covers every path of the host: both pools, and nothing else.
        await PoolWhereAsync(ApiPool, p => p["health_monitor_refs"]![0]!.GetValue<string>().EndsWith(Uuid("healthmonitor", "System-HTTP"), StringComparison.Ordinal),
            "the /api pool with the fixed health monitor");
        Assert.Equal(new[] { $"PUT pool {RootPool} 200", $"PUT pool {ApiPool} 200" }.Order(), Writes(mark).Order());
    }

    [Fact]
    public async Task A_pki_profile_and_a_destination_ca_together_are_refused()
    {
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HTTPRule
            metadata: {name: both}
            spec:
              fqdn: {{Host}}
              paths:
              - target: /api
                tls:
                  type: reencrypt
                  pkiProfile: System-Default-PKI-Profile
                  destinationCA: |
            {{Indent(CaCertificate(), 8)}}
            """);

        Assert.Equal("Rejected", await StatusAsync("both"));
        var error = (await _world.Kubectl.SucceedAsync("get", "httprule", "both", "-o", "jsonpath={.status.error}")).StandardOutput;
        Assert.Equal("path /api: only one of tls.pkiProfile or tls.destinationCA can be set", error);
    }

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "httprule", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on HTTPRule {name}", TimeSpan.FromSeconds(30));

    private Task<JsonObject> PoolWhereAsync(string name, Func<JsonObject, bool> condition, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_world.AviObject("pool", name) is { } pool && condition(pool) ? pool : null), what, TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark);

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Trim().Split('\n').Select(line => new string(' ', spaces) + line.TrimEnd('\r')));

    private static string CaCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=shop-backend-ca", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }
}
