using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>failover</c>: not written yet.</summary>
public static class FailoverScenario
{
    public const string Name = "failover";

    public static Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        result.Notes.Add("failover is not implemented yet");
        return Task.FromResult(result);
    }
}
