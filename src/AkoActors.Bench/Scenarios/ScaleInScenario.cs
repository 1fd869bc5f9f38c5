using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>scale-in</c>: replicas (default 3) own N Services under endpoint churn; the replica that last wrote most pools
/// is stopped gracefully (SIGTERM: it leaves the cluster and hands its shards over, as <c>kubectl scale</c> down does), then
/// the next one, down to one replica. Each step measures when the stopped replica's Services are written again, the churn
/// latency around it, lost changes (must be 0), writes that are not pool updates (must be 0) and interleaved writers (must
/// be 0). The last step is the case where a survivor once counted itself a second cluster against a Lease that still
/// listed the departed members, and stopped writing until the Lease expired.</summary>
public static class ScaleInScenario
{
    public const string Name = "scale-in";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        if (p.Replicas < 2) throw new ArgumentException("scale-in needs at least 2 replicas (default 3)");
        var result = new RunResult(Name);
        var services = await Kit.StartPopulatedAsync(world, p);

        for (var step = 1; world.Running.Count() > 1; step++)
        {
            var remaining = world.Running.Count() - 1;
            world.Progress.Say($"scale-in step {step}: {remaining + 1} → {remaining} replicas");
            await FailoverScenario.ChurnDepartureAsync(world, p, services, result, FailoverScenario.Departure.Stop($"({remaining + 1}→{remaining})"));
        }
        Kit.AddMemory(result, world);
        return result;
    }
}
