using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// What a new user types on the seed article's cluster and kube-apiserver refuses or answers: <c>kubectl describe</c> on
/// every kind KubeSim serves (it crashed on EndpointSlice ports without a name), and the validation of LoadBalancer IPs
/// and Ingress hosts.
/// </summary>
public class KubectlDescribeEveryKindTests
{
    private const string Objects = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: nginx1-ingress}
        spec:
          rules:
          - host: nginx1.ako.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: nginx1, port: {number: 80}}}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 1
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres}]}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: db}
        spec: {minAvailable: 1, selector: {matchLabels: {app: db}}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
        subjects: [{kind: ServiceAccount, name: default, namespace: default}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: ako-sa}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: fast}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        stringData: {password: s3cret}
        ---
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata: {name: ako-leader}
        spec: {holderIdentity: ako-0}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: notes.sim.example.com}
        spec:
          group: sim.example.com
          scope: Namespaced
          names: {plural: notes, kind: Note}
          versions:
          - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
        """;

    [Fact]
    public async Task Kubectl_describe_works_for_every_kind_KubeSim_serves()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.Zero } });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);
        await kubectl.SucceedAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo");
        await kubectl.SucceedAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80");
        (await kubectl.RunWithInputAsync(Objects, "apply", "-f", "-")).EnsureSuccess();
        (await kubectl.RunWithInputAsync("apiVersion: sim.example.com/v1\nkind: Note\nmetadata: {name: hello}\ntext: hi\n", "apply", "-f", "-")).EnsureSuccess();
        await kubectl.SucceedAsync("rollout", "status", "deploy/nginx1", "--timeout=30s");
        await Eventually.HoldsAsync(async () => (await kubectl.SucceedAsync("get", "endpointslices", "-o", "name")).Lines.Count > 0, "an EndpointSlice for nginx1");

        var slicePort = await kubectl.SucceedAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=nginx1", "-o", "jsonpath={.items[0].ports[0]}");
        Assert.Equal("""{"name":"","port":80,"protocol":"TCP"}""", slicePort.StandardOutput);

        var kinds = sim.Catalog.All.Where(r => !r.ReviewOnly).Select(r => r.Group.Length == 0 ? r.Plural : $"{r.Plural}.{r.Version}.{r.Group}").ToList();
        Assert.Contains("notes.v1.sim.example.com", kinds);
        foreach (var kind in kinds)
        {
            var described = await kubectl.RunAsync("describe", kind, "-A");
            Assert.True(described.Succeeded && !described.StandardError.Contains("panic", StringComparison.Ordinal), $"kubectl describe {kind} failed: {described}");
            Assert.Contains("Name:", described.StandardOutput, StringComparison.Ordinal);
        }
        var service = await kubectl.SucceedAsync("describe", "svc", "nginx1");
        Assert.Matches(@"Endpoints:\s+10\.244\.\d+\.\d+:80", service.StandardOutput);
        Assert.Contains("nginx1.ako.example.com", (await kubectl.SucceedAsync("describe", "ingress", "nginx1-ingress")).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_LoadBalancer_IP_that_is_not_an_address_and_an_Ingress_host_that_is_one_are_refused()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);
        var before = sim.Store.ResourceVersion;

        var badIp = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer, loadBalancerIP: vip.example.com, ports: [{port: 80}]}
            """, "apply", "-f", "-");
        var shortIp = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer, loadBalancerIP: "10.1", ports: [{port: 80}]}
            """, "apply", "-f", "-");
        var ipHost = await kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec: {rules: [{host: 172.16.251.4, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
            """, "apply", "-f", "-");
        var goodIp = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer, loadBalancerIP: 172.16.251.10, ports: [{port: 80}]}
            """, "apply", "-f", "-");

        Assert.Contains("spec.loadBalancerIP: Invalid value: \"vip.example.com\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)", badIp.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.loadBalancerIP: Invalid value: \"10.1\": must be a valid IP address", shortIp.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].host: Invalid value: \"172.16.251.4\": must be a DNS name, not an IP address", ipHost.StandardError, StringComparison.Ordinal);
        Assert.True(goodIp.Succeeded, goodIp.ToString());
        Assert.Equal(before + 1, sim.Store.ResourceVersion);
    }

    [Fact]
    public async Task Ip_families_are_defaulted_and_checked_as_kube_apiserver_does_on_a_dual_stack_cluster()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        (await kubectl.RunWithInputAsync("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "v6"},
             "spec": {"type": "LoadBalancer", "ipFamilies": ["IPv6"], "ports": [{"port": 80}]}}
            """, "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal("[\"IPv6\"] SingleStack",
            (await kubectl.SucceedAsync("get", "svc", "v6", "-o", "jsonpath={.spec.ipFamilies} {.spec.ipFamilyPolicy}")).StandardOutput.Trim());
        (await kubectl.RunWithInputAsync("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "prefer"},
             "spec": {"type": "LoadBalancer", "ipFamilyPolicy": "PreferDualStack", "ports": [{"port": 80}]}}
            """, "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal("[\"IPv4\",\"IPv6\"]", (await kubectl.SucceedAsync("get", "svc", "prefer", "-o", "jsonpath={.spec.ipFamilies}")).StandardOutput.Trim());
        // One cluster IP per family, from the family's range, primary first (the default service range is 10.96.0.0/12,fd00:10:96::/112).
        var v6Ips = await ClusterIpsAsync(kubectl, "v6");
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, Assert.Single(v6Ips).AddressFamily);
        Assert.StartsWith("fd00:10:96::", v6Ips[0].ToString(), StringComparison.Ordinal);
        var preferIps = await ClusterIpsAsync(kubectl, "prefer");
        Assert.Equal([System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.AddressFamily.InterNetworkV6], preferIps.Select(ip => ip.AddressFamily));
        Assert.Equal(preferIps[0].ToString(), (await kubectl.SucceedAsync("get", "svc", "prefer", "-o", "jsonpath={.spec.clusterIP}")).StandardOutput.Trim());
        var described = (await kubectl.SucceedAsync("describe", "svc", "prefer")).StandardOutput;
        Assert.Contains($"{preferIps[0]},{preferIps[1]}", described.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var before = sim.Store.ResourceVersion;
        var twoSingle = await kubectl.RunWithInputAsync("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "both"},
             "spec": {"type": "LoadBalancer", "ipFamilies": ["IPv4", "IPv6"], "ports": [{"port": 80}]}}
            """, "apply", "-f", "-");
        var bad = await kubectl.RunWithInputAsync("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bad"},
             "spec": {"type": "LoadBalancer", "ipFamilies": ["IPv4", "IPv4"], "ipFamilyPolicy": "Dual", "ports": [{"port": 80}]}}
            """, "apply", "-f", "-");
        var garbage = await kubectl.RunWithInputAsync("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "garbage"},
             "spec": {"type": "LoadBalancer", "ipFamilies": ["IPv7"], "ports": [{"port": 80}]}}
            """, "apply", "-f", "-");

        Assert.Contains("spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
            twoSingle.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.ipFamilies[1]: Duplicate value: \"IPv4\"", bad.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.ipFamilyPolicy: Unsupported value: \"Dual\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"",
            bad.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.ipFamilies[0]: Unsupported value: \"IPv7\": supported values: \"IPv4\", \"IPv6\"", garbage.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, sim.Store.ResourceVersion);
    }

    [Fact]
    public async Task Cluster_ips_follow_the_families_and_a_single_stack_cluster_refuses_what_it_cannot_give_as_kube_apiserver_does()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Workloads = WorkloadOptions.None, Registry = new Registry.RegistryOptions { ServiceCidr = "10.43.0.0/16" },
        });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        (await kubectl.RunWithInputAsync(Lb("prefer", "\"ipFamilyPolicy\": \"PreferDualStack\""), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal("[\"IPv4\"] PreferDualStack",
            (await kubectl.SucceedAsync("get", "svc", "prefer", "-o", "jsonpath={.spec.ipFamilies} {.spec.ipFamilyPolicy}")).StandardOutput.Trim());
        Assert.StartsWith("10.43.", Assert.Single(await ClusterIpsAsync(kubectl, "prefer")).ToString(), StringComparison.Ordinal);

        var before = sim.Store.ResourceVersion;
        var require = await kubectl.RunWithInputAsync(Lb("require", "\"ipFamilyPolicy\": \"RequireDualStack\""), "apply", "-f", "-");
        var v6 = await kubectl.RunWithInputAsync(Lb("v6", "\"ipFamilies\": [\"IPv6\"]"), "apply", "-f", "-");
        var outside = await kubectl.RunWithInputAsync(Lb("outside", "\"clusterIP\": \"10.96.0.20\""), "apply", "-f", "-");
        Assert.Contains("spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services", require.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster", v6.StandardError, StringComparison.Ordinal);
        Assert.Contains("the provided IP (10.96.0.20) is not in the valid range. The range of valid IPs is 10.43.0.0/16", outside.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, sim.Store.ResourceVersion);
    }

    [Fact]
    public async Task A_service_upgraded_to_dual_stack_gets_a_second_cluster_ip_and_its_addresses_are_free_again_once_deleted()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        (await kubectl.RunWithInputAsync(Lb("web", "\"clusterIPs\": [\"10.96.0.40\"]"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal("[\"IPv4\"] SingleStack",
            (await kubectl.SucceedAsync("get", "svc", "web", "-o", "jsonpath={.spec.ipFamilies} {.spec.ipFamilyPolicy}")).StandardOutput.Trim());
        await kubectl.SucceedAsync("patch", "svc", "web", "--type=merge", "-p", """{"spec":{"ipFamilyPolicy":"PreferDualStack"}}""");
        var ips = await ClusterIpsAsync(kubectl, "web");
        Assert.Equal("10.96.0.40", ips[0].ToString());
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, ips[1].AddressFamily);

        // Back to SingleStack, the secondary released (kube-apiserver drops it when only the policy changes).
        await kubectl.SucceedAsync("patch", "svc", "web", "--type=merge", "-p", """{"spec":{"ipFamilyPolicy":"SingleStack"}}""");
        Assert.Equal([ips[0]], await ClusterIpsAsync(kubectl, "web"));
        Assert.Equal("[\"IPv4\"]", (await kubectl.SucceedAsync("get", "svc", "web", "-o", "jsonpath={.spec.ipFamilies}")).StandardOutput.Trim());
        await kubectl.SucceedAsync("patch", "svc", "web", "--type=merge", "-p", """{"spec":{"ipFamilyPolicy":"RequireDualStack"}}""");
        ips = await ClusterIpsAsync(kubectl, "web");
        Assert.Equal(2, ips.Count);

        var taken = await kubectl.RunWithInputAsync(Lb("copy", $"\"ipFamilyPolicy\": \"RequireDualStack\", \"clusterIPs\": [\"10.96.0.41\", \"{ips[1]}\"]"), "apply", "-f", "-");
        Assert.Contains($"failed to allocate IP {ips[1]}: provided IP is already allocated", taken.StandardError, StringComparison.Ordinal);
        var swapped = await kubectl.RunWithInputAsync(Lb("swapped", "\"ipFamilies\": [\"IPv6\"], \"clusterIPs\": [\"10.96.0.42\"]"), "apply", "-f", "-");
        Assert.Contains("spec.clusterIPs[0]: Invalid value: \"10.96.0.42\": expected an IPv6 value as indicated by `ipFamilies[0]`", swapped.StandardError, StringComparison.Ordinal);

        var oneFamily = await kubectl.RunWithInputAsync(Lb("pair", "\"ipFamilyPolicy\": \"RequireDualStack\", \"clusterIPs\": [\"10.96.5.5\", \"10.96.5.6\"]"), "apply", "-f", "-");
        Assert.Contains("may specify no more than one IP for each IP family", oneFamily.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Duplicate value", oneFamily.StandardError, StringComparison.Ordinal);

        await kubectl.SucceedAsync("delete", "svc", "web");
        (await kubectl.RunWithInputAsync(Lb("copy", $"\"ipFamilyPolicy\": \"RequireDualStack\", \"clusterIPs\": [\"10.96.0.40\", \"{ips[1]}\"]"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal(ips, await ClusterIpsAsync(kubectl, "copy"));
    }

    private static string Lb(string name, string spec) =>
        $$$"""{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "{{{name}}}"}, "spec": {"type": "LoadBalancer", {{{spec}}}, "ports": [{"port": 80}]}}""";

    private static async Task<List<System.Net.IPAddress>> ClusterIpsAsync(KubectlRunner kubectl, string name) =>
        (await kubectl.SucceedAsync("get", "svc", name, "-o", "jsonpath={.spec.clusterIPs[*]}")).StandardOutput
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(System.Net.IPAddress.Parse).ToList();
}
