using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests;

/// <summary>The example of src/AkoActors.Simulation/README.md, as a user would copy it into their own test project.</summary>
public sealed class ReadmeExampleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Survives_a_kill_a_partition_and_an_expired_session()
    {
        await using var sim = await Simulation.StartAsync(o => o.Replicas(3).Services(10).Ingresses(2).Seed(7).LogTo(output.WriteLine));

        await sim.KillReplica(1);                              // SIGKILL: the survivors take its Services over
        await sim.Workload.ChangeEndpointsAsync(5);            // pods roll meanwhile
        await sim.ConvergedWithin(TimeSpan.FromMinutes(2));    // desired = actual, every invariant holds

        await sim.RestartReplica(1);
        await sim.Partition(2, TimeSpan.FromSeconds(5));       // cut off from its peers; heals by itself
        sim.AviFaults.ExpireSessions(419);                     // the controller says "session expired"
        await sim.Workload.ChangeEndpointsAsync(5);
        await sim.TimedPartitionsEnded();
        await sim.ConvergedWithin(TimeSpan.FromMinutes(2));
    }
}
