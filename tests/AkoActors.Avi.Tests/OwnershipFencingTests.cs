using System.Text.Json.Nodes;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Fencing;
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

/// <summary>The gateway against the simulator: what the controller accepts from an owner is decided by the objects'
/// markers and epoch stamps, never by names, and a stale owner's write is refused by the controller (shown by the audit log).</summary>
public sealed class OwnershipFencingTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private const long OldEpoch = 1_000;
    private const long NewEpoch = 2_000;

    private static readonly AviCallContext OldOwner = new("admin", "a", Epoch: OldEpoch);
    private static readonly AviCallContext NewOwner = new("admin", "a", Epoch: NewEpoch);

    private static readonly TranslationContext Context = new(
        new AkoSettings { ClusterName = "c1", VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray() },
        new[] { "ako.example.com" }.ToEquatableArray());

    [Fact]
    public async Task Every_write_is_stamped_with_the_owners_epoch_and_the_stamp_is_not_part_of_the_spec()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = Pool(new ServiceKey("a", "web"));

        var created = (await gateway.ApplyAsync(new CreateOperation(pool), OldOwner, CancellationToken.None))!;

        Assert.Equal(OldEpoch, created.Epoch);
        var raw = (await rest.GetAsync("pool", created.Uuid, OldOwner, CancellationToken.None))!;
        Assert.Equal(OldEpoch, OwnerEpoch.Read(raw));
        var read = Assert.Single(await gateway.ReadAsync([pool.Ref], OldOwner, CancellationToken.None));
        Assert.True(pool.IsSatisfiedBy(read.Spec), "the epoch marker must not make the object differ from what is wanted");
        Assert.Equal(OldEpoch, read.Epoch);
    }

    [Fact]
    public async Task A_put_from_an_owner_that_lost_the_object_to_a_newer_owner_is_refused_and_not_retried()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var pool = Pool(new ServiceKey("a", "web"));
        var oldView = (await gateway.ApplyAsync(new CreateOperation(pool), OldOwner, CancellationToken.None))!;
        // The successor (after a failover the old replica did not notice) writes the pool with its larger epoch.
        var newView = (await gateway.ApplyAsync(new UpdateOperation(pool with { Servers = Servers("10.244.3.7") }, oldView), NewOwner, CancellationToken.None))!;

        var error = await Assert.ThrowsAsync<AviApiException>(() =>
            gateway.ApplyAsync(new UpdateOperation(pool with { Servers = Servers("10.244.3.9") }, oldView), OldOwner, CancellationToken.None));

        Assert.Equal(AviErrorKind.Fenced, error.Error.Kind);
        var puts = fixture.Sim.Simulator.Audit.Entries.Where(e => e.Method == "PUT" && e.Name == pool.Name).Select(e => e.Status).ToList();
        Assert.Equal([200, 412], puts);
        var final = Assert.Single(await gateway.ReadAsync([pool.Ref], NewOwner, CancellationToken.None));
        Assert.Equal(newView.LastModified, final.LastModified);
        Assert.Equal(["10.244.3.7"], ((PoolSpec)final.Spec).Servers.Select(s => s.Ip));
    }

    [Fact]
    public async Task A_newer_owner_takes_over_what_an_older_owner_wrote()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        var pool = Pool(new ServiceKey("a", "web"));
        var first = (await gateway.ApplyAsync(new CreateOperation(pool), OldOwner, CancellationToken.None))!;
        // The old owner wrote again after the successor read the pool: the successor's PUT is a 412, re-read, and applied.
        var again = (await gateway.ApplyAsync(new UpdateOperation(pool with { Servers = Servers("10.244.3.8") }, first), OldOwner, CancellationToken.None))!;
        Assert.NotEqual(first.LastModified, again.LastModified);

        var taken = (await gateway.ApplyAsync(new UpdateOperation(pool with { Servers = Servers("10.244.3.7") }, first), NewOwner, CancellationToken.None))!;

        Assert.Equal(NewEpoch, taken.Epoch);
        Assert.Equal(["10.244.3.7"], ((PoolSpec)taken.Spec).Servers.Select(s => s.Ip));
    }

    [Fact]
    public async Task A_post_answered_409_adopts_only_an_object_claimed_for_the_same_service()
    {
        fixture.Sim.Simulator.Reset();
        var (_, gateway) = fixture.Gateway();
        // AKO's naming: a-b/c and a/b-c both get c1--a-b-c and the same pool name.
        var older = Pool(new ServiceKey("a-b", "c"));
        var newer = Pool(new ServiceKey("a", "b-c"));
        Assert.Equal(older.Name, newer.Name);
        await gateway.ApplyAsync(new CreateOperation(older), OldOwner, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AviApiException>(() => gateway.ApplyAsync(new CreateOperation(newer), NewOwner, CancellationToken.None));

        Assert.Equal(AviErrorKind.NameConflict, error.Error.Kind);
        Assert.Contains("Service a-b/c", error.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Sim.Simulator.Audit.Entries, e => e.Method == "PUT");
        var kept = Assert.Single(await gateway.ReadAsync([older.Ref], OldOwner, CancellationToken.None));
        Assert.Equal(AviClaim.ForService(new ServiceKey("a-b", "c")), AviClaim.Of(kept.Spec));
    }

    [Fact]
    public async Task An_object_ako_made_without_claims_is_adopted()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = Pool(new ServiceKey("a", "web"));
        await rest.CreateAsync("pool", new JsonObject
        {
            ["name"] = pool.Name,
            ["created_by"] = "ako-c1",
            ["markers"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["values"] = new JsonArray("c1") }),
        }, OldOwner, CancellationToken.None);

        var adopted = (await gateway.ApplyAsync(new CreateOperation(pool), NewOwner, CancellationToken.None))!;

        Assert.True(pool.IsSatisfiedBy(adopted.Spec));
        Assert.Equal(NewEpoch, adopted.Epoch);
    }

    [Fact]
    public async Task A_delete_is_refused_when_the_object_changed_since_it_was_read_or_a_newer_owner_wrote_it()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, gateway) = fixture.Gateway();
        var pool = Pool(new ServiceKey("a", "web"));
        var oldView = (await gateway.ApplyAsync(new CreateOperation(pool), OldOwner, CancellationToken.None))!;
        await gateway.ApplyAsync(new UpdateOperation(pool with { Servers = Servers("10.244.3.7") }, oldView), NewOwner, CancellationToken.None);

        var fenced = await Assert.ThrowsAsync<AviApiException>(() =>
            gateway.ApplyAsync(new DeleteOperation(pool.Ref, oldView.Uuid, oldView), OldOwner, CancellationToken.None));
        Assert.Equal(AviErrorKind.Fenced, fenced.Error.Kind);

        // The same owner, but someone edited the pool after it read it: read again before deleting.
        var current = Assert.Single(await gateway.ReadAsync([pool.Ref], NewOwner, CancellationToken.None));
        var raw = (await rest.GetAsync("pool", current.Uuid, NewOwner, CancellationToken.None))!;
        raw["description"] = "edited by hand";
        await rest.UpdateAsync("pool", current.Uuid, raw, NewOwner, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<AviApiException>(() =>
            gateway.ApplyAsync(new DeleteOperation(pool.Ref, current.Uuid, current), NewOwner, CancellationToken.None));
        Assert.Equal(AviErrorKind.Stale, stale.Error.Kind);

        Assert.DoesNotContain(fixture.Sim.Simulator.Audit.Entries, e => e.Method == "DELETE");
        Assert.NotNull(fixture.Sim.Simulator.FindObject("pool", pool.Name));
    }

    [Fact]
    public void A_new_epoch_is_above_every_stamp_seen_even_when_the_clock_is_behind()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(5_000);

        Assert.Equal(5_000, OwnerEpoch.Next(now, [null, 10, 4_000]));
        Assert.Equal(9_001, OwnerEpoch.Next(now, [9_000, null]));
        Assert.Equal(5_000, OwnerEpoch.Next(now, []));
    }

    private static EquatableArray<PoolServer> Servers(params string[] ips) => ips.Select(ip => new PoolServer(ip, 8080, true)).ToEquatableArray();

    private static PoolSpec Pool(ServiceKey key)
    {
        var service = new ServiceSnapshot(key, "uid", "LoadBalancer", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);
        var slice = new EndpointSliceSnapshot(key.Namespace, $"{key.Name}-1", key.Name, "IPv4",
            new[] { new EndpointPortSpec(null, 8080, "TCP") }.ToEquatableArray(),
            new[] { new EndpointSpec(new[] { "10.244.3.5" }.ToEquatableArray(), true, true, false, "n1") }.ToEquatableArray());
        return L4ServiceTranslator.Translate(service, [slice], [], null, Context).Desired.OfType<PoolSpec>().Single();
    }
}
