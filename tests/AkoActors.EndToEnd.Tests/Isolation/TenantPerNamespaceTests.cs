using AkoActors.AviSim;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Isolation;

/// <summary>A tenant per namespace (AKO 1.13's <c>ako.vmware.com/tenant-name</c>), with kubectl against KubeSim and the real
/// Avi client against AviSim's tenants: a namespace's Services live in its tenant; changing the annotation moves them live
/// (create in the new tenant, switch the status, then delete from the old); a tenant the controller lacks or may not use
/// is a Warning event and changes nothing.</summary>
/// <remarks>AviSim here has tenants <c>team-a</c> and <c>team-b</c>; the controller's user has roles in <c>admin</c> and
/// <c>team-a</c> only, so <c>team-b</c> answers 403 and an unknown tenant 400 "Tenant '…' does not exist".</remarks>
public sealed class TenantPerNamespaceTests : IAsyncLifetime
{
    private const string Annotation = "ako.vmware.com/tenant-name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await ControllerWorld.StartAsync(
            aviUsers: [new AviSimUser("ako-tenants", "tenants-pw-1", Tenants: ["admin", "team-a"])],
            aviProfile: SeedProfile.Default with { Tenants = ["team-a", "team-b"] });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Every_avi_object_of_a_service_in_an_annotated_namespace_is_written_in_that_tenant()
    {
        await Run("create", "ns", "red");
        await Run("annotate", "ns", "red", $"{Annotation}=team-a");
        await ExposeAsync("red");

        var vip = await ExternalIpAsync("red");

        var writes = _world.WritesSince().Where(w => (w.Name ?? "").StartsWith("avi-cluster--red-web", StringComparison.Ordinal)).ToList();
        Assert.Contains(writes, w => w is { Method: "POST", ObjectType: "virtualservice" });
        Assert.All(writes, w => Assert.Equal("team-a", w.Tenant));
        Assert.NotNull(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--red-web", "team-a"));
        Assert.Null(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--red-web", "admin"));
        Assert.Equal(vip, _world.Avi.Simulator.FindObject("vsvip", "avi-cluster--red-web", "team-a")!["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_annotation_moves_the_service_live_and_its_status_never_loses_the_vip()
    {
        await Run("create", "ns", "blue");
        await ExposeAsync("blue");
        var before = await ExternalIpAsync("blue");
        Assert.NotNull(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--blue-web", "admin"));
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "blue", "web", seen, watching.Token);
        var mark = _world.AuditMark;

        await Run("annotate", "ns", "blue", $"{Annotation}=team-a");

        var after = await Eventually.GetAsync(async () => await ExternalIpOrEmptyAsync("blue") is var ip && ip.Length > 0 && ip != before ? ip : null,
            "blue/web showing its VIP from tenant team-a", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--blue-web", "admin") is null &&
                                                            _world.Avi.Simulator.FindObject("vsvip", "avi-cluster--blue-web", "admin") is null),
            "nothing of blue/web left in tenant admin", TimeSpan.FromSeconds(30));
        Assert.NotNull(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--blue-web", "team-a"));
        await WaitForEventAsync("blue", "TenantMoved");
        watching.Cancel();
        await watch;

        // Make before break: every creation in the new tenant precedes the first deletion in the old one.
        var writes = _world.WritesSince(mark).Where(w => (w.Name ?? "").StartsWith("avi-cluster--blue-web", StringComparison.Ordinal) && w.Status < 300).ToList();
        var lastCreate = writes.Where(w => w is { Method: "POST", Tenant: "team-a" }).Max(w => w.Sequence);
        var firstDelete = writes.Where(w => w is { Method: "DELETE", Tenant: "admin" }).Min(w => w.Sequence);
        Assert.True(lastCreate < firstDelete, $"created in team-a up to #{lastCreate}, deleted in admin from #{firstDelete}");
        Assert.DoesNotContain(writes, w => w.Method == "DELETE" && w.Tenant == "team-a");
        // Every status the watch saw once the VIP was first shown names a VIP: the old one, then the new one.
        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == before || ip == after, $"status showed '{ip}' (before {before}, after {after}): [{string.Join(", ", seen)}]"));
        Assert.Equal(after, seen[^1]);
    }

    [Fact]
    public async Task A_tenant_the_controller_lacks_or_may_not_use_is_a_warning_and_changes_nothing()
    {
        await Run("create", "ns", "green");
        await ExposeAsync("green");
        var vip = await ExternalIpAsync("green");
        var mark = _world.AuditMark;

        await Run("annotate", "ns", "green", $"{Annotation}=nope");

        var unknown = await WarningAsync("green", "TenantUnusable", "'nope'");
        Assert.Contains("does not exist", unknown, StringComparison.Ordinal);
        Assert.Contains("stays in tenant 'admin'", unknown, StringComparison.Ordinal);
        Assert.Contains("ako.vmware.com/tenant-name on namespace green", unknown, StringComparison.Ordinal);

        await Run("annotate", "--overwrite", "ns", "green", $"{Annotation}=team-b");

        var forbidden = await WarningAsync("green", "TenantUnusable", "'team-b'");
        Assert.Contains("has no role in Avi tenant 'team-b'", forbidden, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.WritesSince(mark), w => (w.Name ?? "").StartsWith("avi-cluster--green-web", StringComparison.Ordinal) && w.Status < 300);
        Assert.Equal(vip, await ExternalIpOrEmptyAsync("green"));
        Assert.NotNull(_world.Avi.Simulator.FindObject("virtualservice", "avi-cluster--green-web", "admin"));

        // Endpoint changes are still written, in the tenant the Service stayed in.
        await Run("-n", "green", "scale", "deploy", "web", "--replicas=2");
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.Avi.Simulator.FindObject("pool", "avi-cluster--green-web-TCP-80", "admin")?["servers"]?.AsArray().Count == 2),
            "green/web's pool with both pods, in tenant admin", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Ingress_hosts_move_to_the_shared_vs_of_the_new_tenant_and_the_address_is_never_empty()
    {
        const string host = "site.ako.example.com";
        const string pool = "avi-cluster--site.ako.example.com_-l7a-site";
        var before = await ServedIngressAsync("l7a", host);
        Assert.NotNull(_world.Avi.Simulator.FindObject("pool", pool, "admin"));
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(_world, "l7a", "site", seen, watching.Token);
        var mark = _world.AuditMark;

        await Run("annotate", "ns", "l7a", $"{Annotation}=team-a");

        var after = await Eventually.GetAsync(async () => await AddressOrEmptyAsync("l7a", "site") is { Length: > 0 } ip && ip != before ? ip : null,
            "l7a/site showing the address of team-a's shared VS", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.Avi.Simulator.FindObject("pool", pool, "admin") is null),
            "l7a/site's pool gone from tenant admin", TimeSpan.FromSeconds(30));
        Assert.NotNull(_world.Avi.Simulator.FindObject("pool", pool, "team-a"));
        Assert.Equal(after, _world.Avi.Simulator.FindObject("vsvip", "avi-cluster--Shared-L7-0", "team-a")!["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        watching.Cancel();
        await watch;

        var writes = _world.WritesSince(mark).Where(w => w.Status < 300).ToList();
        var created = writes.Single(w => w is { Method: "POST", ObjectType: "pool", Tenant: "team-a" } && w.Name == pool).Sequence;
        var deleted = writes.Single(w => w is { Method: "DELETE", ObjectType: "pool", Tenant: "admin" } && w.Name == pool).Sequence;
        Assert.True(created < deleted, $"pool created in team-a at #{created}, deleted in admin at #{deleted}");
        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == before || ip == after, $"ADDRESS showed '{ip}' (before {before}, after {after}): [{string.Join(", ", seen)}]"));
        Assert.Equal(after, seen[^1]);
    }

    [Fact]
    public async Task An_ingress_in_a_namespace_asking_for_a_forbidden_tenant_hears_why_and_keeps_its_address()
    {
        var address = await ServedIngressAsync("l7b", "shop.ako.example.com");
        var mark = _world.AuditMark;

        await Run("annotate", "ns", "l7b", $"{Annotation}=team-b");

        await WarningAsync("l7b", "TenantUnusable", "no role in Avi tenant 'team-b'", involved: "site");
        Assert.Equal(address, await AddressOrEmptyAsync("l7b", "site"));
        Assert.DoesNotContain(_world.WritesSince(mark), w => w.Status < 300 && (w.Tenant == "team-b" || w.Method == "DELETE"));
    }

    [Fact]
    public async Task A_replica_restarted_while_a_namespace_asks_for_a_forbidden_tenant_leaves_the_hosts_where_they_are_served_until_the_tenant_is_usable()
    {
        const string Pool = "avi-cluster--cart.ako.example.com_-l7c-site";
        var address = await ServedIngressAsync("l7c", "cart.ako.example.com");
        await Run("annotate", "ns", "l7c", $"{Annotation}=team-b");
        await WarningAsync("l7c", "TenantUnusable", "no role in Avi tenant 'team-b'", involved: "site");
        var mark = _world.AuditMark;

        // A new replica knows nothing of the move: its Ingress actor starts in tenant team-b (refused), and the shared VS of
        // admin is rebuilt from the cache, where the namespace now names team-b.
        await _world.Replicas[0].StopAsync();
        var restarted = await _world.StartReplicaAsync("replica-restarted");
        await _world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(
                restarted.Metrics.ReconcileCount("shared-vs", "tenant-refused") >= 1 && restarted.Metrics.ReconcileCount("shared-vs", "converged") >= 1 &&
                restarted.Metrics.ReconcileCount("ingress", "converged") >= 1 && restarted.Metrics.SweepCount >= 1),
            "the restarted replica to have been refused team-b, converged the shared VSes of admin and swept the controller", TimeSpan.FromSeconds(30));

        // The hosts stay where they are served, and the status keeps showing it.
        Assert.Equal(address, await AddressOrEmptyAsync("l7c", "site"));
        Assert.NotNull(_world.Avi.Simulator.FindObject("pool", Pool, "admin"));
        Assert.DoesNotContain(_world.WritesSince(mark), w => w.Status < 300 && (w.Tenant == "team-b" || w.Method == "DELETE"));

        // Once the namespace names a tenant the controller may use, the hosts move there and leave admin.
        await Run("annotate", "--overwrite", "ns", "l7c", $"{Annotation}=team-a");
        var moved = await Eventually.GetAsync(async () => await AddressOrEmptyAsync("l7c", "site") is { Length: > 0 } ip && ip != address ? ip : null,
            "l7c/site showing its address from tenant team-a", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.Avi.Simulator.FindObject("pool", Pool, "admin") is null),
            "the host's pool gone from tenant admin once team-a serves it", TimeSpan.FromSeconds(30));
        Assert.NotNull(_world.Avi.Simulator.FindObject("pool", Pool, "team-a"));
    }

    /// <summary>A new namespace with a Deployment, its Service and Ingress <c>site</c> for <paramref name="host"/>; returns the
    /// Ingress's ADDRESS once it shows one.</summary>
    private async Task<string> ServedIngressAsync(string ns, string host)
    {
        await Run("create", "ns", ns);
        await Run("-n", ns, "create", "deploy", "web", "--image=nginx");
        await Run("-n", ns, "expose", "deploy", "web", "--port=80");
        await Run("-n", ns, "create", "ingress", "site", $"--rule={host}/*=web:80");
        return await Eventually.GetAsync(async () => await AddressOrEmptyAsync(ns, "site") is { Length: > 0 } ip ? ip : null, $"an ADDRESS on {ns}/site",
            TimeSpan.FromSeconds(30));
    }

    private async Task<string> AddressOrEmptyAsync(string ns, string name) =>
        (await _world.Kubectl.RunAsync("-n", ns, "get", "ing", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();

    private async Task ExposeAsync(string ns)
    {
        await Run("-n", ns, "create", "deploy", "web", "--image=nginx");
        await Run("-n", ns, "expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
    }

    private async Task Run(params string[] args) => (await _world.Kubectl.RunAsync(args)).EnsureSuccess();

    private Task<string> ExternalIpAsync(string ns) =>
        Eventually.GetAsync(async () => await ExternalIpOrEmptyAsync(ns) is { Length: > 0 } ip ? ip : null, $"an EXTERNAL-IP on {ns}/web", TimeSpan.FromSeconds(30));

    private async Task<string> ExternalIpOrEmptyAsync(string ns) =>
        (await _world.Kubectl.RunAsync("-n", ns, "get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();

    private Task<string> WarningAsync(string ns, string reason, string containing, string involved = "web") =>
        Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", ns, "get", "events", "--field-selector", $"involvedObject.name={involved},type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal) && line.Contains(containing, StringComparison.Ordinal));
        }, $"a {reason} Warning on {ns}/{involved} naming {containing}", TimeSpan.FromSeconds(30));

    private Task WaitForEventAsync(string ns, string reason) =>
        Eventually.HoldsAsync(async () => (await _world.Kubectl.RunAsync("-n", ns, "get", "events", "--field-selector", $"involvedObject.name=web,reason={reason}",
            "-o", "name")).StandardOutput.Trim().Length > 0, $"a {reason} event on {ns}/web", TimeSpan.FromSeconds(30));
}
