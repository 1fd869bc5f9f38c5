using System.Text.Json.Nodes;
using AkoActors.Deploy.Tests.Helm;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;

namespace AkoActors.Deploy.Tests;

/// <summary>helm install, upgrade and uninstall of the chart against KubeSim with the real helm and kubectl, as the README
/// tells a user to do it with their AKO values file.</summary>
public sealed class ChartLifecycleTests : IAsyncLifetime
{
    // The seed cluster without its pre-made avi-lb IngressClass: in a real cluster that class belongs to whichever release
    // installed it (AKO's), and helm refuses to take it over, so the README says to uninstall AKO first.
    private static readonly ClusterProfile CleanSeedCluster = ClusterProfile.Seed with { IngressClasses = [] };

    private KubeSimServer _sim = null!;
    private HelmRunner _helm = null!;
    private KubectlRunner _kubectl = null!;

    public async Task InitializeAsync()
    {
        _sim = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Profile = CleanSeedCluster,
            Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.Zero },
        });
        _helm = new HelmRunner(_sim.KubeconfigPath);
        _kubectl = new KubectlRunner(_sim.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        _kubectl.Dispose();
        _helm.Dispose();
        await _sim.DisposeAsync();
    }

    [SkippableFact]
    public async Task Install_with_the_tests_own_values_creates_every_object_kubectl_shows()
    {
        HelmRequirement.Require();
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);

        var install = await InstallAsync(ChartFiles.TestValues("small-values.yaml"));
        Assert.Contains("STATUS: deployed", install.StandardOutput, StringComparison.Ordinal);

        await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "rollout", "status", "deployment/ako-actors", "--timeout=60s");
        var pods = await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "get", "pods", "-l",
            "app.kubernetes.io/name=ako-actors,app.kubernetes.io/instance=ako-actors", "--no-headers");
        Assert.Equal(5, pods.Lines.Count);
        Assert.All(pods.Lines, line => Assert.Matches(@"^ako-actors-\S+\s+1/1\s+Running\s", line));

        foreach (var resource in new[] { "serviceaccount/ako-actors", "configmap/avi-k8s-config", "secret/avi-secret", "role/ako-actors",
                     "rolebinding/ako-actors", "poddisruptionbudget/ako-actors", "deployment/ako-actors" })
        {
            await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "get", resource);
        }
        await _kubectl.SucceedAsync("get", "clusterrole/ako-actors-avi-system", "clusterrolebinding/ako-actors-avi-system", "ingressclass/avi-lb");

        var releases = await _helm.SucceedAsync("list", "-n", ChartFiles.Namespace, "-o", "json");
        var release = JsonNode.Parse(releases.StandardOutput)!.AsArray().Single()!;
        Assert.Equal("deployed", release["status"]!.GetValue<string>());
        Assert.Equal("ako-actors-0.1.0", release["chart"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Installed_ConfigMap_carries_what_AKOs_chart_renders_from_the_seed_article_values()
    {
        var values = ChartFiles.AkoValuesFixture("seed-article-values.yaml");
        HelmRequirement.Require();
        await InstallAsync(values);

        var live = await ConfigMapDataAsync();
        var expected = Manifests.ManifestSet.Parse(await File.ReadAllTextAsync(ChartFiles.Expected("seed-article.yaml")))
            .Get("ConfigMap", "avi-k8s-config")["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(expected.OrderBy(p => p.Key), live.OrderBy(p => p.Key));
    }

    [SkippableFact]
    public async Task Resources_written_for_AKOs_CRDs_apply_unchanged_after_install()
    {
        HelmRequirement.Require();
        await InstallAsync(ChartFiles.TestValues("small-values.yaml"));

        // As AKO's documentation writes them: a HostRule of each served version, an HTTPRule, a cluster-wide
        // AviInfraSetting and an L4Rule.
        const string resources = """
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: nginx1-host, namespace: default}
            spec:
              virtualhost:
                fqdn: nginx1.ako.example.com
                fqdnType: Exact
                enableVirtualHost: true
                tls:
                  sslKeyCertificate: {name: nginx1-cert, type: secret}
                  termination: edge
                httpPolicy: {policySets: [redirect-policy], overwrite: false}
                aliases: [www.nginx1.ako.example.com]
            ---
            apiVersion: ako.vmware.com/v1alpha1
            kind: HostRule
            metadata: {name: legacy-host, namespace: default}
            spec:
              virtualhost: {fqdn: legacy.ako.example.com, wafPolicy: System-WAF-Policy}
            ---
            apiVersion: ako.vmware.com/v1beta1
            kind: HTTPRule
            metadata: {name: nginx1-paths, namespace: default}
            spec:
              fqdn: nginx1.ako.example.com
              paths:
              - target: /
                loadBalancerPolicy: {algorithm: LB_ALGORITHM_CONSISTENT_HASH, hash: LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS}
                healthMonitors: [System-HTTP]
            ---
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: small-shards}
            spec:
              seGroup: {name: Default-Group}
              network:
                vipNetworks: [{networkName: alb-vip, cidr: 172.16.251.0/24}]
              l7Settings: {shardSize: SMALL}
            ---
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: nginx1-l4, namespace: default}
            spec:
              loadBalancerIP: 172.16.251.50
              backendProperties:
              - {port: 80, protocol: TCP, lbAlgorithm: LB_ALGORITHM_ROUND_ROBIN}
            """;
        var applied = (await _kubectl.RunWithInputAsync(resources, "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal(5, applied.Lines.Count(l => l.EndsWith(" created", StringComparison.Ordinal)));

        var hostRules = await _kubectl.SucceedAsync("get", "hostrules", "-n", "default");
        Assert.Matches(@"^NAME\s+HOST\s+STATUS\s+AGE$", hostRules.Lines[0]);
        Assert.Contains(hostRules.Lines, l => l.StartsWith("nginx1-host ", StringComparison.Ordinal) && l.Contains("nginx1.ako.example.com", StringComparison.Ordinal));
        await _kubectl.SucceedAsync("get", "aviinfrasetting", "small-shards");
        var defaulted = await _kubectl.SucceedAsync("get", "l4rule", "nginx1-l4", "-n", "default", "-o", "jsonpath={.spec.networkProfileRef}");
        Assert.Equal("System-TCP-Proxy", defaulted.StandardOutput);

        var refused = await _kubectl.RunWithInputAsync("""
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: bad-host, namespace: default}
            spec:
              virtualhost: {fqdn: bad.ako.example.com, fqdnType: Prefix}
            """, "apply", "-f", "-");
        Assert.False(refused.Succeeded, refused.ToString());
        Assert.Contains("spec.virtualhost.fqdnType", refused.StandardError, StringComparison.Ordinal);

        var refusedDeep = await _kubectl.RunWithInputAsync("""
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: bad-cert, namespace: default}
            spec:
              virtualhost:
                fqdn: cert.ako.example.com
                tls: {sslKeyCertificate: {name: cert, type: file}}
            """, "apply", "-f", "-");
        Assert.False(refusedDeep.Succeeded, refusedDeep.ToString());
        Assert.Contains("spec.virtualhost.tls.sslKeyCertificate.type", refusedDeep.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Upgrading_logLevel_changes_the_ConfigMap_only()
    {
        HelmRequirement.Require();
        var values = ChartFiles.TestValues("small-values.yaml");
        await InstallAsync(values);
        await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "rollout", "status", "deployment/ako-actors", "--timeout=60s");
        var before = await VersionsAsync();
        var podsBefore = await PodNamesAsync();

        await _helm.SucceedAsync("upgrade", ChartFiles.Release, ChartFiles.Chart, "-n", ChartFiles.Namespace, "-f", values,
            "--set", "AKOSettings.logLevel=DEBUG");

        var after = await VersionsAsync();
        Assert.Equal("DEBUG", (await ConfigMapDataAsync())["logLevel"]);
        Assert.NotEqual(before["configmap/avi-k8s-config"], after["configmap/avi-k8s-config"]);
        foreach (var name in before.Keys.Where(k => k != "configmap/avi-k8s-config"))
        {
            Assert.True(before[name] == after[name], $"{name} changed (resourceVersion {before[name]} → {after[name]}) although only logLevel did");
        }
        Assert.Equal(podsBefore, await PodNamesAsync());
        var history = await _helm.SucceedAsync("history", ChartFiles.Release, "-n", ChartFiles.Namespace, "-o", "json");
        Assert.Equal(2, JsonNode.Parse(history.StandardOutput)!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Upgrading_a_setting_read_at_start_rolls_the_pods()
    {
        HelmRequirement.Require();
        var values = ChartFiles.TestValues("small-values.yaml");
        await InstallAsync(values);
        await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "rollout", "status", "deployment/ako-actors", "--timeout=60s");
        var podsBefore = await PodNamesAsync();

        await _helm.SucceedAsync("upgrade", ChartFiles.Release, ChartFiles.Chart, "-n", ChartFiles.Namespace, "-f", values,
            "--set", "L7Settings.shardVSSize=LARGE");

        Assert.Equal("LARGE", (await ConfigMapDataAsync())["shardVSSize"]);
        var generation = await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "get", "deployment/ako-actors", "-o", "jsonpath={.metadata.generation}");
        Assert.Equal("2", generation.StandardOutput.Trim());
        await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "rollout", "status", "deployment/ako-actors", "--timeout=60s");
        await Eventually.HoldsAsync(async () => !(await PodNamesAsync()).Intersect(podsBefore).Any(), "every pod replaced by one that read the new shardVSSize");
    }

    [SkippableFact]
    public async Task Uninstall_removes_every_object_of_the_release()
    {
        HelmRequirement.Require();
        await InstallAsync(ChartFiles.TestValues("small-values.yaml"));

        // --keep-history: purging the release record makes helm DELETE its Secret with a protobuf DeleteOptions body,
        // which KubeSim refuses ("send application/json"); the release's objects are deleted either way.
        await _helm.SucceedAsync("uninstall", ChartFiles.Release, "-n", ChartFiles.Namespace, "--keep-history", "--wait", "--timeout", "60s");

        foreach (var resource in new[] { "serviceaccount/ako-actors", "configmap/avi-k8s-config", "secret/avi-secret", "role/ako-actors",
                     "rolebinding/ako-actors", "poddisruptionbudget/ako-actors", "deployment/ako-actors" })
        {
            var gone = await _kubectl.RunAsync("-n", ChartFiles.Namespace, "get", resource);
            Assert.False(gone.Succeeded, $"{resource} is still there after helm uninstall:\n{gone}");
            Assert.Contains("NotFound", gone.StandardError, StringComparison.Ordinal);
        }
        foreach (var resource in new[] { "clusterrole/ako-actors-avi-system", "clusterrolebinding/ako-actors-avi-system", "ingressclass/avi-lb" })
        {
            Assert.Contains("NotFound", (await _kubectl.RunAsync("get", resource)).StandardError, StringComparison.Ordinal);
        }
        await Eventually.HoldsAsync(async () => (await PodNamesAsync()).Count == 0, "the Deployment's pods to go with it");
        // helm never deletes CRDs: users' HostRules and friends survive removing the controller.
        await _kubectl.SucceedAsync("get", "crd", "hostrules.ako.vmware.com", "httprules.ako.vmware.com", "aviinfrasettings.ako.vmware.com", "l4rules.ako.vmware.com");
        Assert.Empty((await _helm.SucceedAsync("list", "-n", ChartFiles.Namespace, "-q")).StandardOutput.Trim());
        Assert.Equal(ChartFiles.Release, (await _helm.SucceedAsync("list", "-n", ChartFiles.Namespace, "--uninstalled", "-q")).StandardOutput.Trim());
    }

    /// <summary>The README's command.</summary>
    private Task<HelmResult> InstallAsync(string values) =>
        _helm.SucceedAsync("install", ChartFiles.Release, ChartFiles.Chart, "-f", values, "-n", ChartFiles.Namespace, "--create-namespace");

    private async Task<Dictionary<string, string>> ConfigMapDataAsync()
    {
        var json = await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "get", "configmap", "avi-k8s-config", "-o", "json");
        return JsonNode.Parse(json.StandardOutput)!["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    /// <summary>resourceVersion of every object the release owns, by "kind/name".</summary>
    private async Task<Dictionary<string, string>> VersionsAsync()
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (scope, resources) in new[]
                 {
                     (ChartFiles.Namespace, "serviceaccount,configmap,secret,role,rolebinding,poddisruptionbudget,deployment"),
                     ((string?)null, "clusterrole,clusterrolebinding,ingressclass"),
                 })
        {
            var args = new List<string> { "get", resources, "-l", "app.kubernetes.io/instance=ako-actors", "-o",
                "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion}{\"\\n\"}{end}" };
            if (scope is not null) args.InsertRange(0, ["-n", scope]);
            foreach (var line in (await _kubectl.SucceedAsync([.. args])).Lines)
            {
                var (key, version) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
                versions[key.ToLowerInvariant()] = version;
            }
        }
        Assert.Equal(10, versions.Count);
        return versions;
    }

    private async Task<List<string>> PodNamesAsync() =>
        (await _kubectl.SucceedAsync("-n", ChartFiles.Namespace, "get", "pods", "-l", "app.kubernetes.io/instance=ako-actors", "-o", "name")).Lines.Order().ToList();
}
