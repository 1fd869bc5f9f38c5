using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Fixtures;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// AKO's own CRD manifests (../shared/fixtures/ako-crds, as AKO's chart installs them) applied with the real kubectl,
/// then custom resources written from AKO's documentation: valid ones accepted and printed with the CRDs' columns,
/// invalid ones refused with kube-apiserver's wording. Relies on these shapes of AKO's CRDs: HostRule and HTTPRule
/// v1beta1 namespaced (fqdnType enum, sslKeyCertificate.type enum ref|secret, HTTPRule paths[].target pattern ^/.*$),
/// AviInfraSetting v1beta1 cluster-scoped (vipNetworks items oneOf networkName|networkUUID), L4Rule v1alpha2
/// (backendProperties[].port 1-65535 and protocol TCP|UDP|SCTP, required), Host/Status/Age printer columns.
/// </summary>
public class KubectlAkoCrdTests
{
    private const string HostRule = """
        apiVersion: ako.vmware.com/v1beta1
        kind: HostRule
        metadata: {name: my-host-rule, namespace: default}
        spec:
          virtualhost:
            fqdn: foo.region1.com
            enableVirtualHost: true
            tls:
              sslKeyCertificate: {name: avi-ssl-key-cert, type: ref}
              sslProfile: avi-ssl-profile
              termination: edge
            httpPolicy: {policySets: [avi-secure-policy-ref], overwrite: false}
            wafPolicy: avi-waf-policy
            applicationProfile: avi-app-ref
            analyticsProfile: avi-analytics-ref
            errorPageProfile: avi-errorpage-ref
            datascripts: [avi-datascript-redirect-app1]
        """;

    private const string HttpRule = """
        apiVersion: ako.vmware.com/v1beta1
        kind: HTTPRule
        metadata: {name: my-http-rule, namespace: default}
        spec:
          fqdn: foo.avi.internal
          paths:
          - target: /foo
            healthMonitors: [my-health-monitor-1, my-health-monitor-2]
            loadBalancerPolicy: {algorithm: LB_ALGORITHM_CONSISTENT_HASH, hash: LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS}
            tls: {type: reencrypt, sslProfile: avi-ssl-profile, destinationCA: "-----BEGIN CERTIFICATE-----"}
        """;

    private const string InfraSetting = """
        apiVersion: ako.vmware.com/v1beta1
        kind: AviInfraSetting
        metadata: {name: my-infra-setting}
        spec:
          seGroup: {name: compact-se-group}
          network:
            vipNetworks:
            - {networkName: vip-network-10-10-10-0-24, cidr: 10.10.10.0/24}
            enableRhi: true
            bgpPeerLabels: [peer1, peer2]
          l7Settings: {shardSize: MEDIUM}
        """;

    private const string L4Rule = """
        apiVersion: ako.vmware.com/v1alpha2
        kind: L4Rule
        metadata: {name: my-l4-rule, namespace: default}
        spec:
          loadBalancerIP: 10.10.10.1
          backendProperties:
          - {port: 80, protocol: TCP, lbAlgorithm: LB_ALGORITHM_LEAST_CONNECTIONS, healthMonitorRefs: [my-hm]}
        """;

    private static string RequireAkoCrds()
    {
        var folder = SharedFolder.Path is { } shared ? Path.Combine(shared, "fixtures", "ako-crds") : null;
        Skip.If(folder is null || !Directory.Exists(folder),
            $"SKIPPED: ../shared/fixtures/ako-crds not found next to the repository ({SharedFolder.RepositoryRoot ?? AppContext.BaseDirectory}); " +
            "AKO's own CRD manifests cannot be applied without it (CustomResourceDefinitionTests still covers CRDs).");
        return folder!;
    }

    [SkippableFact]
    public async Task AKOs_CRDs_apply_and_resources_from_AKOs_docs_are_accepted_listed_described_and_removed_with_their_CRD()
    {
        var crds = RequireAkoCrds();
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        var applied = await kubectl.SucceedAsync("apply", "-f", crds);
        Assert.Equal(6, applied.Lines.Count(l => l.EndsWith(" created", StringComparison.Ordinal)));
        Assert.Contains("hostrules.ako.vmware.com", (await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/hostrules.ako.vmware.com", "--timeout=10s")).StandardOutput, StringComparison.Ordinal);
        var resources = await kubectl.SucceedAsync("api-resources", "--api-group=ako.vmware.com", "-o", "name");
        Assert.Equal(["aviinfrasettings.ako.vmware.com", "hostrules.ako.vmware.com", "httprules.ako.vmware.com", "l4rules.ako.vmware.com", "l7rules.ako.vmware.com", "ssorules.ako.vmware.com"], resources.Lines.Order());

        // The CRDs' schemas are published in OpenAPI v3, so kubectl explain answers as on a real cluster.
        var explained = await kubectl.SucceedAsync("explain", "hostrule.spec.virtualhost.fqdnType");
        Assert.Matches(@"FIELD: fqdnType <string>\s+ENUM:\s+Exact\s+Wildcard\s+Contains", explained.StandardOutput);

        foreach (var manifest in new[] { HostRule, HttpRule, InfraSetting, L4Rule })
        {
            (await kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
        }

        var hostRules = await kubectl.SucceedAsync("get", "hr");
        Assert.Matches(@"^NAME\s+HOST\s+STATUS\s+AGE$", hostRules.Lines[0]);
        Assert.Matches(@"^my-host-rule\s+foo\.region1\.com\s+\d+s$", hostRules.Lines[1]);
        Assert.Equal("Exact", (await kubectl.SucceedAsync("get", "hostrule", "my-host-rule", "-o", "jsonpath={.spec.virtualhost.fqdnType}")).StandardOutput);
        Assert.Matches(@"^my-infra-setting\s+\d+s$", (await kubectl.SucceedAsync("get", "aviinfrasetting", "--no-headers")).Lines[0]);
        Assert.Equal("System-L4-Application", (await kubectl.SucceedAsync("get", "l4rule", "my-l4-rule", "-o", "jsonpath={.spec.applicationProfileRef}")).StandardOutput);
        Assert.Contains("Fqdn:", (await kubectl.SucceedAsync("describe", "httprule", "my-http-rule")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("my-host-rule unchanged", (await kubectl.RunWithInputAsync(HostRule, "apply", "-f", "-")).EnsureSuccess().StandardOutput, StringComparison.Ordinal);
        Assert.Contains("configured", (await kubectl.RunWithInputAsync(HostRule.Replace("avi-waf-policy", "avi-waf-policy-2", StringComparison.Ordinal), "apply", "-f", "-")).EnsureSuccess().StandardOutput, StringComparison.Ordinal);

        // What AKO writes once it processed a rule: the status subresource, shown by the STATUS column.
        await kubectl.SucceedAsync("patch", "hostrule", "my-host-rule", "--subresource=status", "--type=merge", "-p", """{"status":{"status":"Accepted"}}""");
        Assert.Matches(@"^my-host-rule\s+foo\.region1\.com\s+Accepted\s+\d+s$", (await kubectl.SucceedAsync("get", "hr", "--no-headers")).Lines[0]);

        await kubectl.SucceedAsync("delete", "crd", "hostrules.ako.vmware.com");
        Assert.Empty(sim.Store.Snapshot("hostrules.ako.vmware.com").Items);
        Assert.Single(sim.Store.Snapshot("httprules.ako.vmware.com").Items);
    }

    [SkippableFact]
    public async Task Resources_that_break_AKOs_schemas_are_refused_with_kube_apiservers_wording()
    {
        var crds = RequireAkoCrds();
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);
        await kubectl.SucceedAsync("apply", "-f", crds);
        var before = sim.Store.ResourceVersion;

        var badHost = await kubectl.RunWithInputAsync(HostRule.Replace("type: ref", "type: file", StringComparison.Ordinal).Replace("enableVirtualHost: true", "enableVirtualHost: true\n    fqdnType: Suffix", StringComparison.Ordinal), "apply", "-f", "-");
        var typo = await kubectl.RunWithInputAsync(HostRule.Replace("wafPolicy:", "wafPolicyy:", StringComparison.Ordinal), "apply", "-f", "-");
        var badPath = await kubectl.RunWithInputAsync(HttpRule.Replace("target: /foo", "target: foo", StringComparison.Ordinal).Replace("type: reencrypt", "type: passthrough", StringComparison.Ordinal), "apply", "-f", "-");
        var noNetwork = await kubectl.RunWithInputAsync(InfraSetting.Replace("{networkName: vip-network-10-10-10-0-24, cidr: 10.10.10.0/24}", "{cidr: 10.10.10.0/24}", StringComparison.Ordinal), "apply", "-f", "-");
        var badPort = await kubectl.RunWithInputAsync(L4Rule.Replace("{port: 80, protocol: TCP,", "{port: 70000, protocol: ICMP,", StringComparison.Ordinal), "apply", "-f", "-");

        Assert.False(badHost.Succeeded);
        Assert.Contains("The HostRule \"my-host-rule\" is invalid", badHost.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.virtualhost.fqdnType: Unsupported value: \"Suffix\": supported values: \"Exact\", \"Wildcard\", \"Contains\"", badHost.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.virtualhost.tls.sslKeyCertificate.type: Unsupported value: \"file\": supported values: \"ref\", \"secret\"", badHost.StandardError, StringComparison.Ordinal);
        Assert.False(typo.Succeeded);
        Assert.Contains("strict decoding error: unknown field \"spec.virtualhost.wafPolicyy\"", typo.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.paths[0].target: Invalid value: \"foo\": spec.paths[0].target in body should match '^\\/.*$'", badPath.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.paths[0].tls.type: Unsupported value: \"passthrough\": supported values: \"reencrypt\"", badPath.StandardError, StringComparison.Ordinal);
        Assert.Contains("\"spec.network.vipNetworks[0]\" must validate one and only one schema (oneOf). Found none valid", noNetwork.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.network.vipNetworks[0].networkName: Required value", noNetwork.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.backendProperties[0].port: Invalid value: 70000: spec.backendProperties[0].port in body should be less than or equal to 65535", badPort.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.backendProperties[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"", badPort.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, sim.Store.ResourceVersion);
    }
}
