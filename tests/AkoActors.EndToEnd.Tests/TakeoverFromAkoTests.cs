using System.Text.Json.Nodes;
using AkoActors.AviSim.Audit;
using AkoActors.Domain.Collections;
using AkoActors.KubeSim.Json;
using AkoActors.Testing;
using AkoActors.Testing.Fixtures;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15: AKO stopped, AkoActors started against what AKO left (AviSim loaded with AKO's recorded state,
/// KubeSim given the recorded Kubernetes objects with AKO's statuses and annotations), same clusterName. Checked on the
/// audit log: no VS or vsvip deleted or re-created, no VIP or status change, both port-53 listeners, AKO's shard
/// datascript and pool group replaced only after the new routes are attached, and every Ingress managed afterwards.</summary>
/// <remarks>Shapes relied on, from ../shared/fixtures/ako-made: <c>avi-state.json</c> is a <c>/sim/state</c> dump (type →
/// objects with uuid, name, vip); <c>kubernetes.yaml</c> holds <c>kubectl get -o yaml</c> documents (Lists or single
/// objects) of Namespaces, the ConfigMap, Deployments nginx1/httpd1 (default) and web (shop), Services, EndpointSlices,
/// Ingresses and the Secret shop/shop-tls, with <c>status.loadBalancer</c> as AKO wrote it and, on each served Service
/// and Ingress, AKO's annotations <c>ako.vmware.com/host-fqdn-vs-uuid-map</c> (JSON object host → VS uuid),
/// <c>ako.vmware.com/controller-cluster-uuid</c> and <c>ako.vmware.com/tenant-name</c>.</remarks>
public sealed class TakeoverFromAkoTests
{
    private const string SharedVs = "avi-cluster--Shared-L7-0";

    /// <summary>What AKO writes on each served Service and Ingress for AMKO: host → VS uuid map, controller uuid, tenant.</summary>
    private static readonly string[] AkoAnnotations =
        ["ako.vmware.com/host-fqdn-vs-uuid-map", "ako.vmware.com/controller-cluster-uuid", "ako.vmware.com/tenant-name"];

    [SkippableFact]
    public async Task Taking_over_akos_objects_deletes_and_recreates_no_vs_keeps_vips_and_statuses_and_routes_every_host_throughout()
    {
        var (aviState, kubeObjects) = await LoadAkoMadeAsync();

        await using var world = await ControllerWorld.StartAsync(replicas: 0);
        world.Avi.Simulator.LoadState(aviState);
        await RecreateAsync(world, kubeObjects);

        await world.StartReplicaAsync("replica-0");
        await world.WaitUntilReadyAsync();
        var replica = world.Replicas[0];
        // Taken over: the shard VS no longer runs AKO's datascript, and both of AKO's shard objects are gone.
        await Eventually.HoldsAsync(() => Task.FromResult(
                world.AviObject("virtualservice", SharedVs)?["vs_datascripts"] is null &&
                world.AviObject("vsdatascriptset", SharedVs) is null && world.AviObject("poolgroup", SharedVs) is null &&
                replica.Metrics.ReconcileCount("service", "converged") >= 3 && replica.Metrics.SweepCount >= 1),
            "AKO's shard datascript and pool group replaced, every Service reconciled and the controller swept", TimeSpan.FromSeconds(60));

        var writes = world.WritesSince(0);
        Assert.All(writes, w => Assert.InRange(w.Status, 200, 299));
        Assert.DoesNotContain(writes, w => w.ObjectType is "virtualservice" or "vsvip" && w.Method is "POST" or "DELETE");
        foreach (var type in new[] { "virtualservice", "vsvip" })
        {
            foreach (var recorded in aviState[type]!.AsArray().OfType<JsonObject>())
            {
                var now = world.AviObject(type, recorded["name"]!.GetValue<string>());
                Assert.NotNull(now);
                Assert.Equal(recorded["uuid"]!.GetValue<string>(), now["uuid"]!.GetValue<string>());
                Assert.Equal(Vips(recorded), Vips(now));
            }
        }

        // What AKO's ecosystem reads (AMKO, AKO itself on return) is as AKO wrote it: markers and service_metadata of
        // every object AKO made that is still wanted, and the shard VS's own FQDN in its vsvip.
        foreach (var (type, list) in aviState)
        {
            if (type is not ("virtualservice" or "vsvip" or "pool" or "poolgroup" or "httppolicyset" or "l4policyset" or "sslkeyandcertificate")) continue;
            foreach (var recorded in list!.AsArray().OfType<JsonObject>().Where(o => o["markers"] is not null))
            {
                var name = recorded["name"]!.GetValue<string>();
                if (world.AviObject(type, name) is not { } now) continue;
                // Our owner epoch (the fencing token, README "Ownership and fencing") is the one marker AKO does not write.
                var ours = new JsonArray(now["markers"]!.AsArray().OfType<JsonObject>()
                    .Where(m => m["key"]?.GetValue<string>() != AkoActors.Avi.Fencing.OwnerEpoch.MarkerKey)
                    .Select(m => (JsonNode?)m.DeepClone()).ToArray());
                Assert.True(JsonNode.DeepEquals(recorded["markers"], ours), $"{type} {name}: markers {now["markers"]?.ToJsonString()}, AKO wrote {recorded["markers"]!.ToJsonString()}");
                Assert.Equal(recorded["service_metadata"]?.GetValue<string>(), now["service_metadata"]?.GetValue<string>());
            }
        }
        Assert.Equal("avi-cluster--Shared-L7-0.admin.ako.example.com", world.AviObject("vsvip", SharedVs)!["dns_info"]![0]!["fqdn"]!.GetValue<string>());

        // A pool is written only when its servers differ from AKO's (KubeSim may place the recreated pods elsewhere, and
        // AKO left nginx1's L4 pool empty): a pool with the same servers is left untouched.
        foreach (var recorded in aviState["pool"]!.AsArray().OfType<JsonObject>())
        {
            var name = recorded["name"]!.GetValue<string>();
            var written = writes.Any(w => w is { Method: "PUT", ObjectType: "pool" } && w.Name == name);
            Assert.Equal(written, ServerIps(recorded) != ServerIps(world.AviObject("pool", name)!));
        }

        // Going back to AKO: whatever was written carries a checksum AKO never computes, so AKO rewrites it; what was not
        // written keeps AKO's own checksum, so AKO leaves it alone.
        foreach (var (type, field) in new[]
                 {
                     ("virtualservice", "cloud_config_cksum"), ("vsvip", "vsvip_cloud_config_cksum"), ("pool", "cloud_config_cksum"),
                     ("poolgroup", "cloud_config_cksum"), ("httppolicyset", "cloud_config_cksum"),
                 })
        {
            foreach (var recorded in aviState[type]!.AsArray().OfType<JsonObject>().Where(o => o[field] is not null))
            {
                var name = recorded["name"]!.GetValue<string>();
                if (world.AviObject(type, name) is not { } now) continue;
                var written = writes.Any(w => w.Method == "PUT" && w.ObjectType == type && w.Name == name);
                Assert.Equal(written ? AkoActors.Avi.Codec.AkoChecksum.NotAkos : recorded[field]!.GetValue<string>(), now[field]?.GetValue<string>());
            }
        }

        var dns = world.AviObject("virtualservice", "avi-cluster--shop-dns")!;
        Assert.Equal(["53/-", "53/UDP"], dns["services"]!.AsArray().Select(s =>
            $"{s!["port"]}/{(s["override_network_profile_ref"] is null ? "-" : "UDP")}"));
        Assert.NotNull(world.AviObject("pool", "avi-cluster--shop-dns-UDP-53"));

        AssertRoutedAtEveryStep(writes);
        // The SNI child's policy set is written in AKO's shape (rules `<set>-<i>` matching the path only), so AKO's is kept.
        Assert.DoesNotContain(writes, w => w.ObjectType == "httppolicyset" && w.Name == "avi-cluster--shop-shop.ako.example.com");

        foreach (var (kind, ns, name) in new[]
                 {
                     ("svc", "default", "nginx1"), ("svc", "shop", "dns"), ("svc", "shop", "pinned"),
                     ("ingress", "default", "nginx1-ingress"), ("ingress", "default", "httpd1-ingress"), ("ingress", "shop", "web"),
                 })
        {
            var recorded = kubeObjects.Single(o => Kind(o) == kind && o["metadata"]!["namespace"]!.GetValue<string>() == ns &&
                                                   o["metadata"]!["name"]!.GetValue<string>() == name);
            var now = JsonNode.Parse((await world.Kubectl.RunAsync("get", kind, name, "-n", ns, "-o", "json")).EnsureSuccess().StandardOutput)!;
            Assert.Equal(recorded["status"]!["loadBalancer"]!.ToJsonString(), now["status"]!["loadBalancer"]!.ToJsonString());
            // AKO's annotations (AMKO reads them) are already right: left exactly as AKO wrote them.
            foreach (var annotation in AkoAnnotations)
            {
                Assert.Equal(recorded["metadata"]!["annotations"]![annotation]!.GetValue<string>(), now["metadata"]!["annotations"]?[annotation]?.GetValue<string>());
            }
        }

        // Written by AkoActors as AKO writes them: removed by hand, they come back with AKO's recorded host → VS uuid map
        // (the L4 VS, the shared VS, the SNI child) and tenant, and the uuid of the controller it talks to.
        var removal = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject(AkoAnnotations.Select(a => KeyValuePair.Create(a, (JsonNode?)null))) } };
        var rewritten = new[] { ("svc", "default", "nginx1"), ("ingress", "default", "httpd1-ingress"), ("ingress", "shop", "web") };
        foreach (var (kind, ns, name) in rewritten)
        {
            (await world.Kubectl.RunAsync("-n", ns, "patch", kind, name, "--type=merge", "-p", removal.ToJsonString())).EnsureSuccess();
        }
        var controllerUuid = world.Replicas[0].Runtime.Context!.ControllerClusterUuid;
        Assert.StartsWith("cluster-", controllerUuid, StringComparison.Ordinal);
        foreach (var (kind, ns, name) in rewritten)
        {
            var recorded = kubeObjects.Single(o => Kind(o) == kind && o["metadata"]!["namespace"]!.GetValue<string>() == ns &&
                                                   o["metadata"]!["name"]!.GetValue<string>() == name)["metadata"]!["annotations"]!;
            var now = await Eventually.GetAsync(async () =>
                    JsonNode.Parse((await world.Kubectl.RunAsync("get", kind, name, "-n", ns, "-o", "json")).EnsureSuccess().StandardOutput)!
                        ["metadata"]!["annotations"] is JsonObject a && a.ContainsKey(AkoAnnotations[0]) ? a : null,
                $"AKO's annotations back on {kind} {ns}/{name}", TimeSpan.FromSeconds(30));
            Assert.Equal(recorded[AkoAnnotations[0]]!.GetValue<string>(), now[AkoAnnotations[0]]!.GetValue<string>());
            Assert.Equal(recorded[AkoAnnotations[2]]!.GetValue<string>(), now[AkoAnnotations[2]]!.GetValue<string>());
            Assert.Equal(controllerUuid, now[AkoAnnotations[1]]!.GetValue<string>());
        }

        // Every Ingress is managed afterwards: a backend change reaches its pool.
        (await world.Kubectl.RunAsync("scale", "deploy", "httpd1", "--replicas=3")).EnsureSuccess();
        (await world.Kubectl.RunAsync("-n", "shop", "scale", "deploy", "web", "--replicas=4")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(
                PoolsOf(world, "avi-cluster--httpd1.ako.example.com").All(p => p.Servers == 3) &&
                PoolsOf(world, "avi-cluster--httpd1.ako.example.com").Count == 2 &&
                PoolsOf(world, "avi-cluster--shop-shop.ako.example.com").Single().Servers == 4),
            "the scaled backends in the Ingress pools of httpd1 and shop", TimeSpan.FromSeconds(30));
    }

    /// <summary>Issue 15 point 6 on the recorded state. Taken over with a nodeNetworkList, every pool gets its placement
    /// networks. Then the pools are put back as AKO writes them for the same list (a vCenter network referred to by uuid, in
    /// Go map order, which changes from run to run: here the reverse order on every other pool) with the same servers, and
    /// a replica taking over again writes none of them.</summary>
    [SkippableFact]
    public async Task Taking_over_pools_with_akos_placement_networks_for_the_same_list_writes_none_of_them()
    {
        var (aviState, kubeObjects) = await LoadAkoMadeAsync();
        var alb = aviState["network"]!.AsArray().OfType<JsonObject>().Single(n => n["name"]!.GetValue<string>() == "alb-vip");
        const string nodesUuid = "network-5d0c7f3a-9b1e-4c2d-8e6f-2a4b6c8d0e1f";
        aviState["network"]!.AsArray().Add(new JsonObject
        {
            ["uuid"] = nodesUuid, ["name"] = "k8s-nodes", ["cloud_ref"] = alb["cloud_ref"]!.DeepClone(), ["vrf_context_ref"] = alb["vrf_context_ref"]!.DeepClone(),
            ["tenant_ref"] = alb["tenant_ref"]?.DeepClone(),
        });
        var settings = ControllerWorld.SeedSettings(s => s with
        {
            NodeNetworks = new[] { new AkoActors.Domain.Settings.NodeNetwork("k8s-nodes", new[] { "172.16.250.0/24", "fd00:10::/64" }.ToEquatableArray()) }
                .ToEquatableArray(),
        });
        await using var world = await ControllerWorld.StartAsync(settings, replicas: 0);
        world.Avi.Simulator.LoadState(aviState);
        await RecreateAsync(world, kubeObjects);
        var first = await world.StartReplicaAsync("replica-0");
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(
                world.AviObject("poolgroup", SharedVs) is null &&
                first.Metrics.ReconcileCount("service", "converged") >= 3 && first.Metrics.SweepCount >= 1),
            "AKO's shard objects replaced, every Service reconciled and the controller swept", TimeSpan.FromSeconds(60));
        var poolNames = aviState["pool"]!.AsArray().OfType<JsonObject>().Select(p => p["name"]!.GetValue<string>()).ToList();
        Assert.All(poolNames, name => Assert.Equal([$"{nodesUuid} 172.16.250.0/24", $"{nodesUuid} fd00:10::/64"], Placements(world.AviObject("pool", name)!)));

        // The controller as AKO would have left it with the same nodeNetworkList and servers.
        await first.StopAsync();
        JsonObject Placement(string address, string type, int mask) => new()
        {
            ["network_ref"] = $"/api/network/{nodesUuid}",
            ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = address, ["type"] = type }, ["mask"] = mask },
        };
        var state = world.Avi.Simulator.DumpState();
        var pools = state["pool"]!.AsArray().OfType<JsonObject>().ToList();
        for (var i = 0; i < pools.Count; i++)
        {
            var (v4, v6) = (Placement("172.16.250.0", "V4", 24), Placement("fd00:10::", "V6", 64));
            pools[i]["placement_networks"] = i % 2 == 0 ? new JsonArray(v4, v6) : new JsonArray(v6, v4);
        }
        world.Avi.Simulator.LoadState(state);
        Assert.Contains(poolNames, name => Placements(world.AviObject("pool", name)!, sorted: false)[0].EndsWith("/64", StringComparison.Ordinal));

        var mark = world.AuditMark;
        var second = await world.StartReplicaAsync("replica-1");
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(
                second.Metrics.ReconcileCount("service", "converged") >= 3 && second.Metrics.ReconcileCount("shared-vs", "converged") >= 1 &&
                second.Metrics.SweepCount >= 1),
            "every Service and the shared VS reconciled again and the controller swept", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(world.WritesSince(mark), w => w.ObjectType == "pool");
    }

    private static List<string> Placements(JsonObject pool, bool sorted = true)
    {
        var placements = pool["placement_networks"]!.AsArray()
            .Select(p => $"{AkoActors.Avi.Codec.AviRefs.UuidOf(p!["network_ref"]!.GetValue<string>())} {p["subnet"]!["ip_addr"]!["addr"]}/{p["subnet"]!["mask"]}");
        return sorted ? placements.Order(StringComparer.Ordinal).ToList() : placements.ToList();
    }

    /// <summary>AKO's recorded run: AviSim's state dump and the Kubernetes objects.</summary>
    private static async Task<(JsonObject AviState, List<JsonObject> KubeObjects)> LoadAkoMadeAsync()
    {
        var folder = SharedFolder.RequireAkoMadeFixtures();
        var aviState = SharedFolder.LoadAkoMadeAviState();
        var kubeObjects = AkoActors.Yaml.YamlJson.ParseAll(await File.ReadAllTextAsync(Path.Combine(folder, "kubernetes.yaml")))
            .OfType<JsonObject>()
            .SelectMany(doc => doc["kind"]?.GetValue<string>() == "List" ? doc["items"]!.AsArray().OfType<JsonObject>() : [doc])
            .ToList();
        return (aviState, kubeObjects);
    }

    /// <summary>The shard VS's insecure hosts stay routed: the HTTP policy set that routes them is written before the VS
    /// stops running AKO's datascript, and the datascript and its pool group go only after that, in that order.</summary>
    private static void AssertRoutedAtEveryStep(IReadOnlyList<AuditEntry> writes)
    {
        long Last(string method, string type, string name) =>
            writes.LastOrDefault(w => w.Method == method && w.ObjectType == type && w.Name == name)?.Sequence ?? -1;
        long First(string method, string type, string name) =>
            writes.FirstOrDefault(w => w.Method == method && w.ObjectType == type && w.Name == name)?.Sequence ?? -1;

        var policySetWritten = First("PUT", "httppolicyset", SharedVs);
        var vsSwitched = First("PUT", "virtualservice", SharedVs);
        var datascriptDeleted = First("DELETE", "vsdatascriptset", SharedVs);
        var poolGroupDeleted = First("DELETE", "poolgroup", SharedVs);
        Assert.True(policySetWritten > 0 && policySetWritten < vsSwitched && vsSwitched < datascriptDeleted && datascriptDeleted < poolGroupDeleted,
            $"expected policy set PUT < VS PUT < datascript DELETE < pool group DELETE, got {policySetWritten}, {vsSwitched}, {datascriptDeleted}, {poolGroupDeleted}");
        // No pool of an insecure host goes before the VS stopped selecting it through AKO's pool group.
        var firstPoolDelete = writes.Where(w => w is { Method: "DELETE", ObjectType: "pool" }).Select(w => w.Sequence).DefaultIfEmpty(long.MaxValue).Min();
        Assert.True(firstPoolDelete > poolGroupDeleted, $"a pool was deleted (#{firstPoolDelete}) while AKO's pool group (deleted #{poolGroupDeleted}) could still select it");
        Assert.True(Last("PUT", "virtualservice", SharedVs) >= vsSwitched);
    }

    /// <summary>Creates the recorded objects in the order of the recorded scenario (so KubeSim gives the pods the same
    /// addresses), then writes AKO's load-balancer statuses.</summary>
    private static async Task RecreateAsync(ControllerWorld world, List<JsonObject> objects)
    {
        JsonObject Find(string kind, string ns, string name) => objects.Single(o =>
            Kind(o) == kind && o["metadata"]!["name"]!.GetValue<string>() == name && (o["metadata"]!["namespace"]?.GetValue<string>() ?? "") == ns);

        var order = new (string Kind, string Ns, string Name)[]
        {
            ("configmap", "avi-system", "avi-k8s-config"),
            ("deployment", "default", "nginx1"), ("svc", "default", "nginx1"),
            ("deployment", "default", "httpd1"), ("svc", "default", "httpd1"),
            ("ingress", "default", "nginx1-ingress"), ("ingress", "default", "httpd1-ingress"),
            ("namespace", "", "shop"),
            ("deployment", "shop", "web"), ("svc", "shop", "web"),
            ("secret", "shop", "shop-tls"), ("ingress", "shop", "web"),
            ("svc", "shop", "dns"), ("svc", "shop", "pinned"),
        };
        foreach (var (kind, ns, name) in order)
        {
            var recorded = Find(kind, ns, name);
            var body = Cleaned(recorded);
            var verb = kind == "configmap" ? "apply" : "create";
            (await world.Kubectl.RunWithInputAsync(body.ToJsonString(), verb, "-f", "-")).EnsureSuccess();
            if (kind == "deployment")
            {
                var replicas = (int)recorded["spec"]!["replicas"]!.GetValue<long>();
                await Eventually.HoldsAsync(async () =>
                        JsonNode.Parse((await world.Kubectl.RunAsync("-n", ns, "get", "deploy", name, "-o", "json")).EnsureSuccess().StandardOutput)!
                            ["status"]?["readyReplicas"]?.GetValue<long>() == replicas,
                    $"deployment {ns}/{name} ready");
            }
            if (recorded["status"]?["loadBalancer"] is JsonObject { Count: > 0 } status)
            {
                var patch = new JsonObject { ["status"] = new JsonObject { ["loadBalancer"] = status.DeepClone() } };
                (await world.Kubectl.RunAsync("-n", ns, "patch", kind, name, "--subresource=status", "--type=merge", "-p", patch.ToJsonString())).EnsureSuccess();
            }
        }
    }

    /// <summary>The object as a user would create it: no server-set metadata, no status, no allocated cluster IP.</summary>
    private static JsonObject Cleaned(JsonObject recorded)
    {
        var body = (JsonObject)recorded.DeepClone();
        body.Remove("status");
        var metadata = body["metadata"]!.AsObject();
        foreach (var field in new[] { "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "ownerReferences" }) metadata.Remove(field);
        metadata["annotations"]?.AsObject().Remove("kubectl.kubernetes.io/last-applied-configuration");
        if (body["spec"] is JsonObject spec)
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
        }
        return body;
    }

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>() switch
    {
        "Service" => "svc",
        var other => other.ToLowerInvariant(),
    };

    private static string ServerIps(JsonObject pool) =>
        string.Join(",", (pool["servers"] as JsonArray ?? []).Select(s => $"{s?["ip"]?["addr"]}:{s?["port"]}").Order(StringComparer.Ordinal));

    private static string Vips(JsonObject o) =>
        string.Join(",", (o["vip"] as JsonArray ?? []).Select(v => v?["ip_address"]?["addr"]?.ToString()));

    private static List<(string Name, int Servers)> PoolsOf(ControllerWorld world, string prefix) =>
        world.Avi.Simulator.DumpState(objectType: "pool")["pool"]?.AsArray().OfType<JsonObject>()
            .Where(p => p["name"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => (p["name"]!.GetValue<string>(), (p["servers"] as JsonArray)?.Count ?? 0))
            .ToList() ?? [];
}
