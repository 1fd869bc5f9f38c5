using AkoActors.AviSim;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Tests.Support;
using Xunit;

namespace AkoActors.Simulation.Tests.Invariants;

/// <summary>The single-writer checker over a real AviSim audit log: writers that interleave, a stale owner's write landing
/// after its successor's, and two owners with one epoch are each caught and named; a hand-off (larger epoch) and a
/// legitimate return (larger again) are not.</summary>
public sealed class SingleWriterRuleTests : IAsyncLifetime
{
    private const string Pool = "bench--bench-svc-00001-TCP-80";
    private AviSimInstance _avi = null!;

    public async Task InitializeAsync() =>
        _avi = await AviSimServer.StartAsync(new AviSimOptions { HttpPort = 0, HttpsPort = null, DnsPort = null });

    [Fact]
    public async Task A_second_writer_between_two_writes_of_the_owner_is_a_violation_naming_the_object_and_the_writes()
    {
        using var owner = await FakeAviWriter.LoginAsync(_avi, "replica-0.1");
        using var intruder = await FakeAviWriter.LoginAsync(_avi, "intruder");
        await owner.WritePoolAsync(Pool, 100, "10.0.0.1");
        await intruder.WritePoolAsync(Pool, null, "10.9.9.9");
        await owner.WritePoolAsync(Pool, 100, "10.0.0.2");

        var violation = Assert.Single(SingleWriterRule.Check(_avi.Simulator.Audit.Entries));
        Assert.Equal(SingleWriterRule.Name, violation.Invariant);
        Assert.Equal($"pool {Pool}", violation.Object);
        Assert.Contains("replica-0.1 wrote again", violation.Detail);
        Assert.Contains("after intruder did", violation.Detail);
        Assert.Contains("#1 POST by replica-0.1 epoch 100", violation.Detail);
        Assert.Contains("#2 PUT by intruder no epoch", violation.Detail);
    }

    [Fact]
    public async Task A_stale_owner_write_landing_after_its_successor_is_a_violation()
    {
        using var old = await FakeAviWriter.LoginAsync(_avi, "replica-0.1");
        using var successor = await FakeAviWriter.LoginAsync(_avi, "replica-1.1");
        await old.WritePoolAsync(Pool, 100, "10.0.0.1");
        await successor.WritePoolAsync(Pool, 200, "10.0.0.2");
        await old.WritePoolAsync(Pool, 100, "10.0.0.3");

        var violation = Assert.Single(SingleWriterRule.Check(_avi.Simulator.Audit.Entries));
        Assert.Contains("#3 PUT by replica-0.1 epoch 100 ", violation.Detail);
        Assert.Contains("a stale owner overwrote its successor", violation.Detail);
    }

    [Fact]
    public async Task Two_replicas_writing_with_the_same_epoch_are_two_owners_at_once()
    {
        using var a = await FakeAviWriter.LoginAsync(_avi, "replica-0.1");
        using var b = await FakeAviWriter.LoginAsync(_avi, "replica-1.1");
        await a.WritePoolAsync(Pool, 100, "10.0.0.1");
        await b.WritePoolAsync(Pool, 100, "10.0.0.2");

        Assert.Contains("two owners at once", Assert.Single(SingleWriterRule.Check(_avi.Simulator.Audit.Entries)).Detail);
    }

    [Fact]
    public async Task A_hand_off_and_a_return_each_with_a_larger_epoch_are_not_violations()
    {
        using var a = await FakeAviWriter.LoginAsync(_avi, "replica-0.1");
        using var b = await FakeAviWriter.LoginAsync(_avi, "replica-1.1");
        await a.WritePoolAsync(Pool, 100, "10.0.0.1");
        await a.WritePoolAsync(Pool, 100, "10.0.0.2");
        await b.WritePoolAsync(Pool, 200, "10.0.0.3");
        await a.WritePoolAsync(Pool, 300, "10.0.0.4");

        Assert.Empty(SingleWriterRule.Check(_avi.Simulator.Audit.Entries));
    }

    [Fact]
    public async Task A_vrf_handed_over_and_back_with_larger_epochs_is_not_a_violation()
    {
        // A node churned across kills: the VRF owner moves 2.1 -> 0.2 (rebalance) -> 2.1 (0.2 killed), each with a larger epoch.
        using var first = await FakeAviWriter.LoginAsync(_avi, "replica-2.1");
        using var second = await FakeAviWriter.LoginAsync(_avi, "replica-0.2");
        await first.WriteVrfRoutesAsync("global", 100, "10.32.0.0/24 via 10.0.0.1");
        await second.WriteVrfRoutesAsync("global", 200, "10.32.0.0/24 via 10.0.0.1", "10.32.1.0/24 via 10.0.0.2");
        await first.WriteVrfRoutesAsync("global", 300, "10.32.1.0/24 via 10.0.0.2");

        Assert.Empty(SingleWriterRule.Check(_avi.Simulator.Audit.Entries));
    }

    [Fact]
    public async Task A_stale_vrf_owner_landing_after_its_successor_is_a_violation_naming_vrfcontext_global()
    {
        using var old = await FakeAviWriter.LoginAsync(_avi, "replica-2.1");
        using var successor = await FakeAviWriter.LoginAsync(_avi, "replica-0.2");
        await old.WriteVrfRoutesAsync("global", 100, "10.32.0.0/24 via 10.0.0.1");
        await successor.WriteVrfRoutesAsync("global", 200, "10.32.1.0/24 via 10.0.0.2");
        await old.WriteVrfRoutesAsync("global", 100, "10.32.0.0/24 via 10.0.0.1");

        var violation = Assert.Single(SingleWriterRule.Check(_avi.Simulator.Audit.Entries));
        Assert.Equal("vrfcontext global", violation.Object);
        Assert.Contains("#3 PUT by replica-2.1 epoch 100 ", violation.Detail);
        Assert.Contains("a stale owner overwrote its successor", violation.Detail);
    }

    public async Task DisposeAsync() => await _avi.DisposeAsync();
}
