using System.Diagnostics;
using AkoActors.Simulation.Schedules;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests.Simulations;

/// <summary>The scale the simulation is for: 10,000 LoadBalancer Services and 2,000 Ingresses over three replica processes,
/// two of them SIGKILLed and restarted under endpoint churn, every invariant holding, the whole run inside five minutes,
/// and the memory per owned entity reported.</summary>
/// <remarks>Opt-in (<c>AKO_SCALE=1</c>): it needs the machine's two cores to itself for up to five minutes, which the full
/// suite — itself several processes at once — cannot give it. Run it in Release, as the README's command does; the same
/// run is <c>ako-bench simulate --services 10000 --ingresses 2000 --schedule …</c>.</remarks>
public sealed class ScaleTests(ITestOutputHelper output)
{
    /// <summary>The fault schedule of the run: churn, a kill, a restart, another kill while the first replica is still
    /// taking its shards back, churn again, the second restart.</summary>
    public const string TwoKillsUnderChurn = """
        name: two kills under churn
        steps:
          - {fault: churn, changes: 20}
          - {fault: kill, replica: 1}
          - {fault: churn, changes: 20}
          - {fault: restart, replica: 1}
          - {fault: kill, replica: 2}
          - {fault: churn, changes: 20}
          - {fault: restart, replica: 2}
        """;

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task Ten_thousand_services_and_two_thousand_ingresses_survive_two_replica_kills_within_five_minutes()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("AKO_SCALE") == "1",
            "the 10,000-Service scale run is opt-in: AKO_SCALE=1 dotnet test -c Release tests/AkoActors.Simulation.Tests --filter ScaleTests (needs both cores for up to 5 minutes)");
        var run = Stopwatch.StartNew();

        await using (var sim = await Simulation.StartAsync(o => o.Replicas(3).Services(10_000).Ingresses(2_000).Seed(1)
                         .StartWithin(Budget).LogTo(output.WriteLine)))
        {
            var outcome = await ScheduleRunner.RunAsync(sim, FaultSchedule.Parse(TwoKillsUnderChurn, isYaml: true, replicas: 3), Budget - run.Elapsed);

            // The restarted replicas are still being handed their shards back: memory per entity is read once that is done.
            await sim.ServicesOwnedWithin(Budget - run.Elapsed);
            var footprints = await sim.FootprintsAsync();
            output.WriteLine($"realised in {sim.InitialConvergence.TotalSeconds:0.0} s; schedule {outcome.Took.TotalSeconds:0.0} s, converged " +
                             $"{outcome.ConvergedAfterLastFault.TotalSeconds:0.0} s after its last fault; {sim.Avi.Simulator.Stats.Requests} Avi requests");
            foreach (var f in footprints)
            {
                output.WriteLine($"{f.Replica}: {f.ResidentMiB:0.0} MiB resident, {f.Owned} owned, {f.KiBPerOwnedEntity:0.0} KiB per owned entity");
            }
            Assert.Equal(3, footprints.Count);
            Assert.All(footprints, f => Assert.True(f.KiBPerOwnedEntity > 0, $"{f.Replica} owns {f.Owned} entities and reports no memory for them"));
        }

        Assert.True(run.Elapsed <= Budget, $"the run took {run.Elapsed.TotalSeconds:0} s, over its {Budget.TotalSeconds:0} s budget");
    }
}
