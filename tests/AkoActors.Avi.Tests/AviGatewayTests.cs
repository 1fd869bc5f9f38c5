using System.Text.Json.Nodes;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Avi.Tests;

/// <summary>The gateway against the simulator: an L4 tree round-trips exactly (so a restart plans nothing), and AKO's
/// 409/412/404/400 handling works on real responses.</summary>
public sealed class AviGatewayTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AviCallContext Admin = new("admin", "red");

    private static readonly TranslationContext Context = new(
        new AkoSettings { ClusterName = "c1", VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray() },
        new[] { "ako.example.com" }.ToEquatableArray());

    [Fact]
    public async Task An_L4_tree_written_through_the_gateway_reads_back_as_exactly_what_was_wanted()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var desired = L4Tree("web", 80, 443);

        await ApplyAsync(gateway, AviTreeDiff.Plan(desired, []));
        var actual = await gateway.ReadAsync(desired.Select(d => d.Ref).ToList(), Admin, CancellationToken.None);

        Assert.Equal(desired.Count, actual.Count);
        Assert.True(AviTreeDiff.Plan(desired, actual).IsEmpty, $"a second pass would still do: {AviTreeDiff.Plan(desired, actual)}");
        var vip = (VsVipSpec)actual.Single(a => a.Ref.Type == AviObjectTypes.VsVip).Spec;
        Assert.Equal("172.16.251.1", vip.AllocatedIp);
        Assert.Equal(["web.red.ako.example.com"], vip.Fqdns);
    }

    [Fact]
    public async Task The_state_returned_by_a_write_already_equals_a_fresh_read()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var desired = L4Tree("api", 8080);

        var written = await ApplyAsync(gateway, AviTreeDiff.Plan(desired, []));

        Assert.True(AviTreeDiff.Plan(desired, written).IsEmpty, $"after writing, the actor would still plan: {AviTreeDiff.Plan(desired, written)}");
    }

    [Fact]
    public async Task Reading_many_names_costs_one_list_request_per_type()
    {
        fixture.Sim.Simulator.Reset();
        var observer = new CountingObserver();
        var (_, gateway) = fixture.Gateway(observer);
        var trees = Enumerable.Range(0, 10).SelectMany(i => L4Tree($"svc{i}", 80)).ToList();
        await ApplyAsync(gateway, AviTreeDiff.Plan(trees, []));

        var read = await gateway.ReadAsync(trees.Select(t => t.Ref).ToList(), Admin, CancellationToken.None);

        Assert.Equal(trees.Count, read.Count);
        Assert.Equal(1, observer.Count("GET pool"));
        Assert.Equal(1, observer.Count("GET vsvip"));
        Assert.Equal(1, observer.Count("GET virtualservice"));
    }

    [Fact]
    public async Task Reads_from_many_owners_at_once_are_merged_into_few_list_requests()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var trees = Enumerable.Range(0, 60).Select(i => L4Tree($"svc{i}", 80)).ToList();
        await ApplyAsync(gateway, AviTreeDiff.Plan(trees.SelectMany(t => t).ToList(), []));
        var observer = new CountingObserver();
        var batching = new BatchingAviGateway(fixture.Gateway(observer).Gateway);

        var reads = await Task.WhenAll(trees.Select(tree => batching.ReadAsync(tree.Select(t => t.Ref).ToList(), Admin, CancellationToken.None)));

        Assert.All(reads.Zip(trees), pair => Assert.Equal(pair.Second.Select(s => s.Ref.ToString()).Order(), pair.First.Select(s => s.Ref.ToString()).Order()));
        // 60 owners x 4 types would be 240 requests one by one; batched, each type costs a handful.
        Assert.InRange(observer.Count("GET vsvip") + observer.Count("GET pool") + observer.Count("GET l4policyset") + observer.Count("GET virtualservice"), 4, 24);
    }

    [Fact]
    public async Task Creating_an_object_that_exists_and_is_ours_adopts_it_with_a_put()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = L4Tree("web", 80).OfType<PoolSpec>().Single();
        await rest.CreateAsync("pool", new JsonObject { ["name"] = pool.Name, ["created_by"] = "ako-c1" }, Admin, CancellationToken.None);

        var state = await gateway.ApplyAsync(new CreateOperation(pool), Admin, CancellationToken.None);

        Assert.True(pool.IsSatisfiedBy(state!.Spec));
        Assert.Equal(["POST", "PUT"], fixture.Sim.Simulator.Audit.Entries.Where(e => e.Name == pool.Name && e.Status < 300).Select(e => e.Method));
    }

    [Fact]
    public async Task Creating_an_object_that_exists_and_is_someone_elses_is_refused_and_left_untouched()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = L4Tree("web", 80).OfType<PoolSpec>().Single();
        await rest.CreateAsync("pool", new JsonObject { ["name"] = pool.Name, ["created_by"] = "team-b" }, Admin, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AviApiException>(() => gateway.ApplyAsync(new CreateOperation(pool), Admin, CancellationToken.None));

        Assert.Equal(AviErrorKind.NameConflict, error.Error.Kind);
        Assert.Contains("team-b", error.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Sim.Simulator.Audit.Entries, e => e.Method == "PUT");
    }

    [Fact]
    public async Task An_update_from_a_stale_read_is_refused_with_412_then_reread_and_applied()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = L4Tree("web", 80).OfType<PoolSpec>().Single();
        var created = (await gateway.ApplyAsync(new CreateOperation(pool), Admin, CancellationToken.None))!;
        // Someone else changes the pool after we read it: our copy's _last_modified is now stale.
        var current = (await rest.GetAsync("pool", created.Uuid, Admin, CancellationToken.None))!;
        current["description"] = "touched by hand";
        await rest.UpdateAsync("pool", created.Uuid, current, Admin, CancellationToken.None);

        var scaled = pool with { Servers = new[] { new PoolServer("10.244.3.9", 8080, true) }.ToEquatableArray() };
        var state = await gateway.ApplyAsync(new UpdateOperation(scaled, created), Admin, CancellationToken.None);

        Assert.True(scaled.IsSatisfiedBy(state!.Spec));
        var puts = fixture.Sim.Simulator.Audit.Entries.Where(e => e.Method == "PUT" && e.Name == pool.Name).Select(e => e.Status).ToList();
        Assert.Equal([200, 412, 200], puts);
        var final = (await rest.GetAsync("pool", created.Uuid, Admin, CancellationToken.None))!;
        Assert.Equal("touched by hand", final["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_of_an_object_deleted_behind_our_back_creates_it_again()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = L4Tree("web", 80).OfType<PoolSpec>().Single();
        var created = (await gateway.ApplyAsync(new CreateOperation(pool), Admin, CancellationToken.None))!;
        await rest.DeleteAsync("pool", created.Uuid, Admin, CancellationToken.None);

        var state = await gateway.ApplyAsync(new UpdateOperation(pool, created), Admin, CancellationToken.None);

        Assert.NotEqual(created.Uuid, state!.Uuid);
        Assert.NotNull(fixture.Sim.Simulator.FindObject("pool", pool.Name));
    }

    [Fact]
    public async Task Deleting_what_is_already_gone_counts_as_done()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();

        var state = await gateway.ApplyAsync(new DeleteOperation(new AviRef("pool", "gone"), "pool-00000000-0000-0000-0000-000000000000"), Admin,
            CancellationToken.None);

        Assert.Null(state);
    }

    [Fact]
    public async Task A_reference_the_controller_cannot_resolve_is_a_rejection_with_its_message()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var vip = L4Tree("web", 80).OfType<VsVipSpec>().Single() with { NetworkName = "no-such-network" };

        var error = await Assert.ThrowsAsync<AviApiException>(() => gateway.ApplyAsync(new CreateOperation(vip), Admin, CancellationToken.None));

        Assert.Equal((AviErrorKind.Rejected, 400), (error.Error.Kind, error.Error.Status));
        Assert.Contains("Network", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_reads_only_what_this_cluster_owns()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        await ApplyAsync(gateway, AviTreeDiff.Plan(L4Tree("web", 80), []));
        await rest.CreateAsync("pool", new JsonObject { ["name"] = "someone-elses", ["created_by"] = "ako-other" }, Admin, CancellationToken.None);

        var pools = await gateway.ReadOwnedAsync("pool", Admin, CancellationToken.None);
        var vips = await gateway.ReadOwnedAsync("vsvip", Admin, CancellationToken.None);

        Assert.Equal(["c1--red-web-TCP-80"], pools.Select(p => p.Ref.Name));
        Assert.Equal(["c1--red-web"], vips.Select(p => p.Ref.Name));
    }

    private static List<AviObjectSpec> L4Tree(string name, params int[] ports)
    {
        var key = new ServiceKey("red", name);
        var service = new ServiceSnapshot(key, "uid", "LoadBalancer", null,
            ports.Select(p => new ServicePortSpec(null, "TCP", p, PortReference.OfNumber(8080), null)).ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);
        var slice = new EndpointSliceSnapshot("red", $"{name}-1", name, "IPv4",
            new[] { new EndpointPortSpec(null, 8080, "TCP") }.ToEquatableArray(),
            new[] { new EndpointSpec(new[] { "10.244.3.5" }.ToEquatableArray(), true, true, false, "n1") }.ToEquatableArray());
        return L4ServiceTranslator.Translate(service, [slice], [], null, Context).Desired.ToList();
    }

    private static async Task<List<AviObjectState>> ApplyAsync(Gateway.IAviGateway gateway, AviPlan plan)
    {
        var states = new List<AviObjectState>();
        foreach (var wave in plan.Waves)
        {
            foreach (var operation in wave)
            {
                if (await gateway.ApplyAsync(operation, Admin, CancellationToken.None) is { } state) states.Add(state);
            }
        }
        return states;
    }
}
