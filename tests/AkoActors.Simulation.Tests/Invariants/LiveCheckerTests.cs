using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Tests.Support;
using AkoActors.Simulation.Workloads;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests.Invariants;

/// <summary>The checker on a running simulation, made to fail on purpose: a second writer slipped into AviSim between the
/// owner's writes breaks single writer (named with the writes and the seed), and its write breaks a quiet stretch.</summary>
public sealed class LiveCheckerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_fake_second_writer_breaks_single_writer_and_no_spurious_writes_and_the_failure_names_the_seed()
    {
        // One replica: with two, a rebalance could hand the pool's owner over between the intruder's write and the owner's
        // next one, and a successor's write with a larger epoch is a hand-off, not an interleaving (it failed that way once).
        await using var sim = await Simulation.StartAsync(o => o.Replicas(1).Services(3).Seed(4242).LogTo(output.WriteLine));
        var quiet = await sim.MarkAsync();
        var service = Workload.ServiceName(0);
        var pool = Workload.PoolName(service);
        var servers = sim.Avi.Simulator.FindObject("pool", pool)!["servers"]!.AsArray().Select(s => s!["ip"]!["addr"]!.GetValue<string>()).ToArray();

        using var intruder = await FakeAviWriter.LoginAsync(sim.Avi, "intruder");
        await intruder.WritePoolAsync(pool, null, servers);

        var spurious = await Assert.ThrowsAsync<InvariantViolationException>(() => sim.Checker.AssertNoWritesSinceAsync(quiet));
        Assert.Contains($"pool {pool}", spurious.Message);
        Assert.Contains("by intruder", spurious.Message);

        // The owner's next write of that pool lands after the intruder's: writers interleaved.
        await sim.Workload.ChangeEndpointsAsync(30);
        var interleaved = await Assert.ThrowsAsync<InvariantViolationException>(() => sim.ConvergedWithin(TimeSpan.FromMinutes(2)));
        output.WriteLine(interleaved.Message);
        Assert.Equal(4242, interleaved.Seed);
        Assert.StartsWith("[seed 4242]", interleaved.Message);
        Assert.Contains("AKO_SIM_SEED=4242", interleaved.Message);
        var violation = Assert.Single(interleaved.Violations, v => v.Object == $"pool {pool}");
        Assert.Equal(SingleWriterRule.Name, violation.Invariant);
        Assert.Contains("after intruder did", violation.Detail);
    }
}
