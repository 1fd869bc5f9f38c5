using System.Text.RegularExpressions;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// The kinds a chart shaped like AKO's installs (RBAC, a PodDisruptionBudget, a StatefulSet), driven with the real kubectl
/// the way helm users and AKO's own chart use them: apply, get, describe, rollout status, re-apply, refusals, delete.
/// </summary>
public class KubectlChartKindsTests
{
    // The shape of AKO's chart: ServiceAccount, ClusterRole + binding, a namespaced Role + binding, a StatefulSet and its PDB.
    private const string ChartManifest = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: ako-sa, namespace: avi-system}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "ako:controller"}
        rules:
        - apiGroups: [""]
          resources: [services, endpoints, pods, nodes, namespaces, secrets, configmaps]
          verbs: [get, list, watch]
        - apiGroups: [networking.k8s.io]
          resources: [ingresses/status]
          verbs: [patch, update]
        - nonResourceURLs: [/healthz]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "ako:controller"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "ako:controller"}
        subjects:
        - {kind: ServiceAccount, name: ako-sa, namespace: avi-system}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: ako-leases, namespace: avi-system}
        rules:
        - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ako-leases, namespace: avi-system}
        roleRef: {kind: Role, name: ako-leases}
        subjects:
        - {kind: ServiceAccount, name: ako-sa}
        - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ako, namespace: avi-system}
        spec:
          replicas: 3
          serviceName: ako
          selector: {matchLabels: {app: ako}}
          template:
            metadata: {labels: {app: ako}}
            spec:
              serviceAccountName: ako-sa
              containers:
              - {name: ako, image: "projects.registry.vmware.com/ako/ako:1.13.1", ports: [{containerPort: 8080, name: http}]}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: ako, namespace: avi-system}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: ako}}
        """;

    [Fact]
    public async Task A_chart_shaped_like_AKOs_applies_rolls_out_shows_and_deletes_with_kubectl()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) } });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        var applied = (await kubectl.RunWithInputAsync(ChartManifest, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/ako:controller created", applied.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("statefulset.apps/ako created", applied.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudget.policy/ako created", applied.StandardOutput, StringComparison.Ordinal);

        var rollout = await kubectl.SucceedAsync("-n", "avi-system", "rollout", "status", "statefulset/ako", "--timeout=60s");
        Assert.Contains("roll out complete: 3 new pods have been updated", rollout.StandardOutput, StringComparison.Ordinal);
        var pods = (await kubectl.SucceedAsync("-n", "avi-system", "get", "pods", "-l", "app=ako", "-o", "jsonpath={range .items[*]}{.metadata.name} {.spec.hostname} {.metadata.labels.apps\\.kubernetes\\.io/pod-index} {.status.phase}{\"\\n\"}{end}")).Lines;
        Assert.Equal(["ako-0 ako-0 0 Running", "ako-1 ako-1 1 Running", "ako-2 ako-2 2 Running"], pods.Order());

        var sts = await kubectl.SucceedAsync("-n", "avi-system", "get", "sts", "-o", "wide");
        Assert.Matches(@"^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES$", sts.Lines[0]);
        Assert.Matches(@"^ako\s+3/3\s+\d+s\s+ako\s+projects\.registry\.vmware\.com/ako/ako:1\.13\.1$", sts.Lines[1]);
        var roles = await kubectl.SucceedAsync("get", "clusterrole", "ako:controller");
        Assert.Matches(@"^NAME\s+CREATED AT$", roles.Lines[0]);
        Assert.Matches(@"^ako:controller\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", roles.Lines[1]);
        var bindings = await kubectl.SucceedAsync("-n", "avi-system", "get", "rolebinding", "-o", "wide");
        Assert.Matches(@"^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$", bindings.Lines[0]);
        Assert.Matches(@"^ako-leases\s+Role/ako-leases\s+\d+s\s+alice\s+/ako-sa$", bindings.Lines[1]);
        Assert.Matches(@"^ako:controller\s+ClusterRole/ako:controller\s+\d+s$", (await kubectl.SucceedAsync("get", "clusterrolebinding", "ako:controller")).Lines[1]);
        var pdb = await kubectl.SucceedAsync("-n", "avi-system", "get", "pdb");
        Assert.Matches(@"^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$", pdb.Lines[0]);
        Assert.Matches(@"^ako\s+N/A\s+1\s+\d+\s+\d+s$", pdb.Lines[1]);
        await Eventually.HoldsAsync(
            async () => Regex.IsMatch((await kubectl.SucceedAsync("-n", "avi-system", "get", "pdb", "ako", "--no-headers")).Lines[0], @"^ako\s+N/A\s+1\s+1\s+\d+s$"),
            "the PDB to allow 1 disruption of 3 ready pods with maxUnavailable 1");

        // Defaults the API server fills, which helm diffs against on upgrade.
        Assert.Equal("rbac.authorization.k8s.io", (await kubectl.SucceedAsync("-n", "avi-system", "get", "rolebinding", "ako-leases", "-o", "jsonpath={.roleRef.apiGroup}")).StandardOutput);
        Assert.Equal("OrderedReady RollingUpdate 0", (await kubectl.SucceedAsync("-n", "avi-system", "get", "sts", "ako", "-o", "jsonpath={.spec.podManagementPolicy} {.spec.updateStrategy.type} {.spec.updateStrategy.rollingUpdate.partition}")).StandardOutput);

        foreach (var (kind, name) in new[] { ("statefulset", "ako"), ("pdb", "ako"), ("role", "ako-leases"), ("rolebinding", "ako-leases"), ("clusterrole", "ako:controller"), ("clusterrolebinding", "ako:controller") })
        {
            var described = await kubectl.SucceedAsync("-n", "avi-system", "describe", kind, name);
            Assert.Contains(name, described.StandardOutput, StringComparison.Ordinal);
        }
        Assert.Matches(@"Pods Status:\s+3 Running / 0 Waiting", (await kubectl.SucceedAsync("-n", "avi-system", "describe", "sts", "ako")).StandardOutput);

        var unchanged = (await kubectl.RunWithInputAsync(ChartManifest, "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal(6, Regex.Matches(unchanged.StandardOutput, " unchanged").Count);
        // The PDB's selector is patchStrategy "replace", so kubectl always sends it and says "configured", as on a real
        // cluster; the server sees no change and the generation stays.
        Assert.Contains("poddisruptionbudget.policy/ako configured", unchanged.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("1", (await kubectl.SucceedAsync("-n", "avi-system", "get", "pdb", "ako", "-o", "jsonpath={.metadata.generation}")).StandardOutput);
        var upgraded = (await kubectl.RunWithInputAsync(ChartManifest.Replace("ako:1.13.1", "ako:1.13.2", StringComparison.Ordinal).Replace("maxUnavailable: 1", "maxUnavailable: 2", StringComparison.Ordinal), "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("statefulset.apps/ako configured", upgraded.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudget.policy/ako configured", upgraded.StandardOutput, StringComparison.Ordinal);
        await kubectl.SucceedAsync("-n", "avi-system", "rollout", "status", "statefulset/ako", "--timeout=60s");
        await Eventually.HoldsAsync(
            async () => (await kubectl.SucceedAsync("-n", "avi-system", "get", "pods", "-l", "app=ako", "-o", "jsonpath={.items[*].spec.containers[0].image}")).StandardOutput.Split(' ').All(i => i.EndsWith(":1.13.2", StringComparison.Ordinal)),
            "every ako pod to run the new image");

        // The StatefulSet's template history lives in ControllerRevisions, as kubectl rollout history/undo expect.
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\s+1\s+<none>\s+2\s+<none>", (await kubectl.SucceedAsync("-n", "avi-system", "rollout", "history", "statefulset/ako")).StandardOutput);
        await kubectl.SucceedAsync("-n", "avi-system", "rollout", "undo", "statefulset/ako");
        await kubectl.SucceedAsync("-n", "avi-system", "rollout", "status", "statefulset/ako", "--timeout=60s");
        await Eventually.HoldsAsync(
            async () => (await kubectl.SucceedAsync("-n", "avi-system", "get", "pods", "-l", "app=ako", "-o", "jsonpath={.items[*].spec.containers[0].image}")).StandardOutput.Split(' ').All(i => i.EndsWith(":1.13.1", StringComparison.Ordinal)),
            "every ako pod to run the image rolled back to");
        var revisions = (await kubectl.SucceedAsync("-n", "avi-system", "get", "controllerrevisions", "-o", "jsonpath={range .items[*]}{.revision}{\"\\n\"}{end}")).Lines.Order();
        Assert.Equal(["2", "3"], revisions);

        Assert.Equal("yes", (await kubectl.SucceedAsync("auth", "can-i", "create", "clusterroles.rbac.authorization.k8s.io")).StandardOutput.Trim());

        (await kubectl.RunWithInputAsync(ChartManifest, "delete", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(async () => (await kubectl.SucceedAsync("-n", "avi-system", "get", "pods,sts,pdb,roles,rolebindings", "-o", "name")).Lines.Count == 0, "the chart's objects and the StatefulSet's pods to be gone");
        await Eventually.HoldsAsync(async () => (await kubectl.SucceedAsync("-n", "avi-system", "get", "controllerrevisions", "-o", "name")).Lines.Count == 0, "the StatefulSet's revisions to be garbage collected");
        Assert.False((await kubectl.RunAsync("get", "clusterrole", "ako:controller")).Succeeded);
    }

    [Fact]
    public async Task Kubectl_create_commands_for_rbac_and_pdb_send_protobuf_and_work()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        await kubectl.SucceedAsync("create", "clusterrole", "reader", "--verb=get,list,watch", "--resource=pods,services");
        await kubectl.SucceedAsync("create", "clusterrolebinding", "reader", "--clusterrole=reader", "--serviceaccount=avi-system:ako-sa");
        await kubectl.SucceedAsync("-n", "avi-system", "create", "role", "leases", "--verb=get", "--resource=leases.coordination.k8s.io");
        await kubectl.SucceedAsync("-n", "avi-system", "create", "rolebinding", "leases", "--role=leases", "--user=alice", "--group=ops");
        await kubectl.SucceedAsync("-n", "avi-system", "create", "pdb", "ako", "--selector=app=ako", "--min-available=50%");

        Assert.Equal("get list watch pods services", (await kubectl.SucceedAsync("get", "clusterrole", "reader", "-o", "jsonpath={.rules[0].verbs[*]} {.rules[0].resources[*]}")).StandardOutput);
        Assert.Equal("ServiceAccount avi-system ako-sa", (await kubectl.SucceedAsync("get", "clusterrolebinding", "reader", "-o", "jsonpath={.subjects[0].kind} {.subjects[0].namespace} {.subjects[0].name}")).StandardOutput);
        Assert.Equal("coordination.k8s.io leases", (await kubectl.SucceedAsync("-n", "avi-system", "get", "role", "leases", "-o", "jsonpath={.rules[0].apiGroups[0]} {.rules[0].resources[0]}")).StandardOutput);
        Assert.Equal("alice ops", (await kubectl.SucceedAsync("-n", "avi-system", "get", "rolebinding", "leases", "-o", "jsonpath={.subjects[*].name}")).StandardOutput);
        Assert.Equal("50% ako", (await kubectl.SucceedAsync("-n", "avi-system", "get", "pdb", "ako", "-o", "jsonpath={.spec.minAvailable} {.spec.selector.matchLabels.app}")).StandardOutput);
    }

    [Fact]
    public async Task Invalid_rbac_pdb_and_statefulset_objects_are_refused_with_kube_apiservers_wording()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);
        var before = sim.Store.ResourceVersion;

        var noVerbs = await kubectl.RunWithInputAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: broken}
            rules: [{apiGroups: [""], resources: []}]
            """, "apply", "-f", "-");
        var urlsInRole = await kubectl.RunWithInputAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: broken}
            rules: [{nonResourceURLs: [/metrics], verbs: [get]}]
            """, "apply", "-f", "-");
        var roleInClusterBinding = await kubectl.RunWithInputAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: broken}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: x}
            subjects: [{kind: ServiceAccount, name: ako-sa}]
            """, "apply", "-f", "-");
        var bothBudgets = await kubectl.RunWithInputAsync("""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: broken}
            spec: {minAvailable: 1, maxUnavailable: "120%", selector: {matchLabels: {app: x}}}
            """, "apply", "-f", "-");
        var badRestart = await kubectl.RunWithInputAsync("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: broken}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: other}}
                spec: {restartPolicy: Never, containers: [{name: c, image: i}]}
            """, "apply", "-f", "-");

        Assert.Contains("rules[0].verbs: Required value: verbs must contain at least one value", noVerbs.StandardError, StringComparison.Ordinal);
        Assert.Contains("rules[0].resources: Required value: resource rules must supply at least one resource", noVerbs.StandardError, StringComparison.Ordinal);
        Assert.Contains("rules[0].nonResourceURLs: Invalid value: [\"/metrics\"]: namespaced rules cannot apply to non-resource URLs", urlsInRole.StandardError, StringComparison.Ordinal);
        Assert.Contains("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"", roleInClusterBinding.StandardError, StringComparison.Ordinal);
        Assert.Contains("subjects[0].namespace: Required value", roleInClusterBinding.StandardError, StringComparison.Ordinal);
        Assert.Contains("minAvailable and maxUnavailable cannot be both set", bothBudgets.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%", bothBudgets.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`", badRestart.StandardError, StringComparison.Ordinal);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"", badRestart.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, sim.Store.ResourceVersion);
    }
}
