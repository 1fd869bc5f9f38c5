using System.Net;
using System.Text.RegularExpressions;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;

namespace AkoActors.KubeSim.Tests;

/// <summary>The seed article's kubectl session, run with the real kubectl against a KubeSim over HTTPS with a token, exactly as a newcomer would type it.</summary>
public class KubectlSeedSessionTests
{
    private const string SeedIngress = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: nginx1-ingress}
        spec:
          rules:
          - host: nginx1.ako.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: nginx1, port: {number: 80}}}}
        """;

    [Fact]
    public async Task Seed_article_session_works_with_the_real_kubectl()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(100) } });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        await kubectl.SucceedAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo");
        await kubectl.SucceedAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80");

        var services = await kubectl.SucceedAsync("get", "svc");
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$", services.Lines[0]);
        var row = Columns(services.Lines.Single(l => l.StartsWith("nginx1 ", StringComparison.Ordinal)));
        Assert.Equal("LoadBalancer", row[1]);
        Assert.True(IPAddress.TryParse(row[2], out _), $"CLUSTER-IP should be an address: {row[2]}");
        Assert.Equal("<pending>", row[3]);
        Assert.Matches(@"^80:3\d{4}/TCP$", row[4]);

        await kubectl.SucceedAsync("scale", "deploy", "nginx1", "--replicas=5");
        await Eventually.HoldsAsync(async () => (await kubectl.SucceedAsync("get", "deploy", "nginx1", "--no-headers")).StandardOutput.Contains(" 5/5 ", StringComparison.Ordinal), "deployment nginx1 READY 5/5");

        var pods = (await kubectl.SucceedAsync("get", "pods", "-l", "app=nginx1", "-o", "wide", "--no-headers")).Lines.Select(Columns).ToList();
        Assert.Equal(5, pods.Count);
        var nodeCidrs = (await kubectl.SucceedAsync("get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.podCIDR}{\"\\n\"}{end}")).Lines
            .Select(l => l.Split('=')).ToDictionary(p => p[0], p => IPNetwork.Parse(p[1]));
        foreach (var pod in pods)
        {
            Assert.Matches(@"^nginx1-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$", pod[0]);
            Assert.Equal("1/1", pod[1]);
            Assert.Equal("Running", pod[2]);
            Assert.StartsWith("avi-node", pod[6], StringComparison.Ordinal);
            Assert.True(nodeCidrs[pod[6]].Contains(IPAddress.Parse(pod[5])), $"pod IP {pod[5]} must be inside {pod[6]}'s pod CIDR {nodeCidrs[pod[6]]}");
        }
        Assert.Equal(5, pods.Select(p => p[5]).Distinct().Count());

        await Eventually.HoldsAsync(
            async () => (await kubectl.SucceedAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=nginx1", "-o", "jsonpath={.items[*].endpoints[*].addresses[0]}")).StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().SequenceEqual(pods.Select(p => p[5]).Order()),
            "the EndpointSlice of nginx1 to list the 5 pod IPs");

        (await kubectl.RunWithInputAsync(SeedIngress, "apply", "-f", "-")).EnsureSuccess();
        var ingresses = await kubectl.SucceedAsync("get", "ing");
        Assert.Matches(@"^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$", ingresses.Lines[0]);
        Assert.Matches(@"^nginx1-ingress\s+avi-lb\s+nginx1\.ako\.example\.com\s+80\s+\d+s$", ingresses.Lines[1]);

        var changed = SeedIngress.Replace("path: /,", "path: /app,", StringComparison.Ordinal);
        var second = (await kubectl.RunWithInputAsync(changed, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("nginx1-ingress configured", second.StandardOutput, StringComparison.Ordinal);
        var path = await kubectl.SucceedAsync("get", "ing", "nginx1-ingress", "-o", "jsonpath={.spec.rules[0].http.paths[0].path} {.metadata.generation}");
        Assert.Equal("/app 2", path.StandardOutput.Trim());
        var third = (await kubectl.RunWithInputAsync(changed, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("nginx1-ingress unchanged", third.StandardOutput, StringComparison.Ordinal);

        // What AkoActors does once Avi assigned the VIPs: write status; kubectl then shows the addresses.
        await kubectl.SucceedAsync("patch", "svc", "nginx1", "--subresource=status", "--type=merge", "-p", """{"status":{"loadBalancer":{"ingress":[{"ip":"172.16.251.1"}]}}}""");
        await kubectl.SucceedAsync("patch", "ing", "nginx1-ingress", "--subresource=status", "--type=merge", "-p", """{"status":{"loadBalancer":{"ingress":[{"ip":"172.16.251.4","hostname":"nginx1.ako.example.com"}]}}}""");
        Assert.Equal("172.16.251.1", Columns((await kubectl.SucceedAsync("get", "svc", "nginx1", "--no-headers")).Lines[0])[3]);
        Assert.Equal("172.16.251.4", Columns((await kubectl.SucceedAsync("get", "ing", "nginx1-ingress", "--no-headers")).Lines[0])[3]);

        await kubectl.SucceedAsync("delete", "ing", "nginx1-ingress");
        await kubectl.SucceedAsync("delete", "svc", "nginx1");
        await kubectl.SucceedAsync("delete", "deploy", "nginx1");
        await Eventually.HoldsAsync(async () => (await kubectl.SucceedAsync("get", "pods,rs,endpointslices", "-o", "name")).Lines.Count == 0, "pods, replica sets and slices of nginx1 to be gone");
        var missing = await kubectl.RunAsync("get", "svc", "nginx1");
        Assert.False(missing.Succeeded);
        Assert.Contains("Error from server (NotFound): services \"nginx1\" not found", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_create_commands_that_send_protobuf_bodies_work()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        await kubectl.SucceedAsync("create", "namespace", "red");
        await kubectl.SucceedAsync("-n", "red", "create", "configmap", "settings", "--from-literal=mode=fast");
        await kubectl.SucceedAsync("-n", "red", "create", "secret", "generic", "creds", "--from-literal=password=s3cret");
        await kubectl.SucceedAsync("-n", "red", "create", "service", "clusterip", "web", "--tcp=8080:80");
        await kubectl.SucceedAsync("-n", "red", "create", "ingress", "web", "--rule=web.example.com/*=web:8080");

        Assert.Equal("fast", (await kubectl.SucceedAsync("-n", "red", "get", "cm", "settings", "-o", "jsonpath={.data.mode}")).StandardOutput);
        Assert.Equal("czNjcmV0", (await kubectl.SucceedAsync("-n", "red", "get", "secret", "creds", "-o", "jsonpath={.data.password}")).StandardOutput);
        Assert.Equal("8080 80", (await kubectl.SucceedAsync("-n", "red", "get", "svc", "web", "-o", "jsonpath={.spec.ports[0].port} {.spec.ports[0].targetPort}")).StandardOutput);
        Assert.Equal("Prefix web", (await kubectl.SucceedAsync("-n", "red", "get", "ing", "web", "-o", "jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.name}")).StandardOutput);
    }

    [Fact]
    public async Task Kubectl_rollout_auth_and_logs_commands_work_on_the_simulated_cluster()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.Zero } });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);

        await kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx:1", "--replicas=2");
        await kubectl.SucceedAsync("rollout", "status", "deploy/web", "--timeout=30s");
        await kubectl.SucceedAsync("set", "image", "deploy/web", "nginx=nginx:2");
        await kubectl.SucceedAsync("rollout", "status", "deploy/web", "--timeout=30s");
        await kubectl.SucceedAsync("rollout", "undo", "deploy/web");
        await kubectl.SucceedAsync("rollout", "status", "deploy/web", "--timeout=30s");

        Assert.Equal("nginx:1 3", (await kubectl.SucceedAsync("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).StandardOutput);
        var sets = (await kubectl.SucceedAsync("get", "rs", "-o", "jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas}{\"\\n\"}{end}")).Lines.Order();
        Assert.Equal(["nginx:1=2", "nginx:2=0"], sets);
        Assert.Contains("3 ", (await kubectl.SucceedAsync("rollout", "history", "deploy/web")).StandardOutput, StringComparison.Ordinal);
        Assert.Equal("yes", (await kubectl.SucceedAsync("auth", "can-i", "patch", "services/status")).StandardOutput.Trim());
        Assert.Contains("has no logs", (await kubectl.SucceedAsync("logs", "deploy/web")).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_prints_server_refusals_readably_and_changes_nothing()
    {
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None });
        using var kubectl = new KubectlRunner(sim.KubeconfigPath);
        var before = sim.Store.ResourceVersion;

        var badPort = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{port: 70000}]}
            """, "apply", "-f", "-");
        var noPathType = await kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec: {rules: [{host: a.example.com, http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}}]}
            """, "apply", "-f", "-");
        var badName = await kubectl.RunAsync("create", "namespace", "Not_Valid");
        var unknownKind = await kubectl.RunWithInputAsync("apiVersion: v1\nkind: Gadget\nmetadata: {name: g}\n", "apply", "-f", "-");
        var typo = await kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndatta: {a: b}\n", "apply", "-f", "-");

        Assert.False(badPort.Succeeded);
        Assert.Contains("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive", badPort.StandardError, StringComparison.Ordinal);
        Assert.False(noPathType.Succeeded);
        Assert.Contains("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified", noPathType.StandardError, StringComparison.Ordinal);
        Assert.False(badName.Succeeded);
        Assert.Contains("The Namespace \"Not_Valid\" is invalid", badName.StandardError, StringComparison.Ordinal);
        Assert.False(unknownKind.Succeeded);
        Assert.Contains("no matches for kind \"Gadget\" in version \"v1\"", unknownKind.StandardError, StringComparison.Ordinal);
        Assert.False(typo.Succeeded);
        Assert.Contains("strict decoding error: unknown field \"datta\"", typo.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, sim.Store.ResourceVersion);
    }

    private static string[] Columns(string line) => Regex.Split(line.Trim(), @"\s{2,}|\s+(?=\S)").Where(c => c.Length > 0).ToArray();
}
