using AkoActors.Simulation.Schedules;
using Xunit;

namespace AkoActors.Simulation.Tests.Schedules;

/// <summary>Schedules as data: the same schedule reads from JSON and YAML, a bad step is refused naming the step and the
/// fix, and a random schedule is a function of its seed that contains every Avi and Kubernetes fault kind.</summary>
public sealed class FaultScheduleTests
{
    private const string Json = """
        {"name": "kill and partition", "seed": 7, "steps": [
          {"fault": "kill", "replica": 1},
          {"fault": "churn", "changes": 3},
          {"fault": "restart", "replica": 1},
          {"fault": "partition", "replica": 2, "seconds": 5},
          {"fault": "avi-errors", "method": "PUT", "type": "pool", "rate": 0.2, "status": 503},
          {"fault": "avi-session-expiry", "status": 419},
          {"fault": "watch-gone"}
        ]}
        """;

    private const string Yaml = """
        name: kill and partition
        seed: 7
        steps:
          - {fault: kill, replica: 1}
          - {fault: churn, changes: 3}
          - {fault: restart, replica: 1}
          - {fault: partition, replica: 2, seconds: 5}
          - {fault: avi-errors, method: PUT, type: pool, rate: 0.2, status: 503}
          - {fault: avi-session-expiry, status: 419}
          - {fault: watch-gone}
        """;

    [Fact]
    public void The_same_schedule_reads_from_JSON_and_YAML_and_writes_back_to_itself()
    {
        var fromJson = FaultSchedule.Parse(Json, isYaml: false, replicas: 3);
        var fromYaml = FaultSchedule.Parse(Yaml, isYaml: true, replicas: 3);

        Assert.Equal(fromJson.Steps, fromYaml.Steps);
        Assert.Equal(new FaultStep("partition", Replica: 2, Seconds: 5), fromJson.Steps[3]);
        Assert.Equal(fromJson.Steps, FaultSchedule.Parse(fromJson.ToJson(), isYaml: false, replicas: 3).Steps);
        Assert.DoesNotContain("Kinds", fromJson.ToJson());
    }

    [Theory]
    [InlineData("""{"steps": [{"fault": "explode"}]}""", "step 1 (explode): fault 'explode' is not one of kill, stop")]
    [InlineData("""{"steps": [{"fault": "churn", "changes": 1}, {"fault": "kill"}]}""", "step 2 (kill): kill needs \"replica\": a slot from 0 to 2")]
    [InlineData("""{"steps": [{"fault": "kill", "replica": 3}]}""", "step 1 (kill): replica 3 does not exist: slots are 0 to 2")]
    [InlineData("""{"steps": [{"fault": "avi-errors", "rate": 2}]}""", "avi-errors needs \"rate\" in (0, 1]")]
    [InlineData("""{"steps": [{"fault": "avi-session-expiry", "status": 403}]}""", "avi-session-expiry \"status\" is 401 or 419")]
    [InlineData("""{"steps": [{"fault": "kill", "replica": 1, "force": true}]}""", "not a fault schedule")]
    [InlineData("""{"steps": [{"fault": "churn"}]}""", "step 1 (churn): churn needs \"changes\" > 0 or \"nodes\" > 0")]
    [InlineData("""{"steps": [{"fault": "churn", "changes": 1, "nodes": -1}]}""", "\"nodes\" must be >= 0")]
    [InlineData("""{"steps": [{"fault": "kill", "replica": 0, "nodes": 1}]}""", "step 1 (kill): \"nodes\" applies to churn only: move it to a churn step")]
    public void A_bad_step_is_refused_naming_the_step_and_the_fix(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FaultSchedule.Parse(text, isYaml: false, replicas: 3));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_churn_step_with_nodes_reads_and_writes_back_and_prints_its_node_changes()
    {
        var schedule = FaultSchedule.Parse("""
            steps:
              - {fault: churn, changes: 30, nodes: 3, seconds: 30}
              - {fault: churn, nodes: 2}
              - {fault: churn, changes: 4}
            """, isYaml: true, replicas: 3);

        Assert.Equal(new FaultStep("churn", Seconds: 30, Changes: 30, Nodes: 3), schedule.Steps[0]);
        Assert.Equal(["churn 30 + 3 nodes over 30s", "churn 0 + 2 nodes", "churn 4"], schedule.Steps.Select(s => s.ToString()));
        Assert.Equal(schedule.Steps, FaultSchedule.Parse(schedule.ToJson(), isYaml: false, replicas: 3).Steps);
        Assert.Contains("\"nodes\": 3", schedule.ToJson());
    }

    [Theory]
    [InlineData(1, "avi-errors 10 % of PUT pool → 503, churn 3, avi-latency p50 4ms p99 56ms, churn 3, watch-gone, churn 3, watch-cut, churn 1, avi-outage 5s, churn 1, avi-concurrency 2, churn 3, avi-session-expiry 419, churn 3, kill 2, churn 1, restart 2, churn 3")]
    [InlineData(3, "watch-cut, churn 2, avi-session-expiry 419, churn 1, watch-gone, churn 3, avi-latency p50 9ms p99 153ms, churn 2, avi-concurrency 3, churn 2, avi-errors 20 % of * virtualservice → 503, churn 2, avi-outage 3s, churn 1, stop 1, churn 1, restart 1, churn 3")]
    [InlineData(6, "avi-errors 30 % of * pool → 503, churn 1, watch-gone, churn 2, watch-cut, churn 3, partition 1 for 6s, churn 1, avi-session-expiry 401, churn 1, avi-latency p50 2ms p99 22ms, churn 1, avi-concurrency 2, churn 1, avi-outage 2s, churn 3")]
    public void Node_churn_in_a_random_schedule_leaves_the_seeds_faults_as_they_were(int seed, string faults)
    {
        var schedule = RandomSchedule.Create(seed, replicas: 3);

        // The CI seeds' faults and endpoint changes, as they were before churn steps got node changes (a stream of their own).
        Assert.Equal(faults, string.Join(", ", schedule.Steps.Select(s => s with { Nodes = null })));
        Assert.Contains(schedule.Steps, s => s.Nodes is 1);
        Assert.All(schedule.Steps, s => Assert.True(s.Nodes is null || s.Fault == FaultKind.Churn));
    }

    [Fact]
    public void A_random_schedule_is_a_function_of_its_seed_and_holds_every_Avi_and_Kubernetes_fault()
    {
        var one = RandomSchedule.Create(5, replicas: 3);

        Assert.Equal(one.ToJson(), RandomSchedule.Create(5, replicas: 3).ToJson());
        Assert.NotEqual(one.ToJson(), RandomSchedule.Create(6, replicas: 3).ToJson());
        Assert.Equal(5, one.Seed);
        Assert.Superset(new HashSet<string>
        {
            FaultKind.AviLatency, FaultKind.AviErrors, FaultKind.AviOutage, FaultKind.AviSessionExpiry, FaultKind.AviConcurrency,
            FaultKind.WatchCut, FaultKind.WatchGone,
        }, one.Kinds.ToHashSet());
        Assert.Single(one.Kinds, k => k is FaultKind.Kill or FaultKind.Stop or FaultKind.Partition);
        Assert.Empty(one.Steps.SelectMany(s => s.Problems(3)));
    }

    [Fact]
    public void A_schedule_file_is_loaded_by_its_extension()
    {
        var folder = Directory.CreateTempSubdirectory("ako-schedule-");
        try
        {
            var yaml = Path.Combine(folder.FullName, "faults.yaml");
            File.WriteAllText(yaml, Yaml);
            Assert.Equal(7, FaultSchedule.Load(yaml, replicas: 3).Steps.Count);
            var bad = Path.Combine(folder.FullName, "bad.json");
            File.WriteAllText(bad, """{"steps": [{"fault": "stop"}]}""");
            Assert.StartsWith(bad + ": step 1 (stop)", Assert.Throws<FormatException>(() => FaultSchedule.Load(bad, replicas: 3)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_soak_schedule_kills_every_minute_partitions_every_five_and_never_cuts_off_two_replicas_at_once()
    {
        var root = AkoActors.Testing.Fixtures.SharedFolder.RepositoryRoot ?? throw new InvalidOperationException("tests run outside a checkout");
        var soak = FaultSchedule.Load(Path.Combine(root, "src", "AkoActors.Bench", "schedules", "soak-30m.yaml"), replicas: 3);

        Assert.Equal(30, soak.Steps.Count(s => s.Fault == FaultKind.Kill));
        Assert.Equal(30, soak.Steps.Count(s => s.Fault == FaultKind.Restart));
        Assert.Equal(5, soak.Steps.Count(s => s.Fault == FaultKind.Partition && s.Seconds == 30));
        Assert.Equal(1800, soak.Steps.Where(s => s.Fault == FaultKind.Churn).Sum(s => s.Seconds ?? 0));
        Assert.Equal(1800, soak.Steps.Where(s => s.Fault == FaultKind.Churn).Sum(s => s.Changes ?? 0));
        Assert.Equal(180, soak.Steps.Where(s => s.Fault == FaultKind.Churn).Sum(s => s.Nodes ?? 0));
        Assert.Contains(soak.Steps, s => s.Fault == FaultKind.AviErrors && s.Rate == 0.01 && s.Status == 503);
        Assert.Equal([401, 419], soak.Steps.Where(s => s.Fault == FaultKind.AviSessionExpiry).Select(s => s.Status!.Value).Distinct().Order());
        // A partition is always of the replica the next kill takes, and every kill is followed by that replica's restart
        // before any other replica is killed: at most one replica is ever away.
        for (var i = 0; i < soak.Steps.Count; i++)
        {
            var step = soak.Steps[i];
            if (step.Fault == FaultKind.Partition)
            {
                Assert.Equal(step.Replica, soak.Steps.Skip(i + 1).First(s => s.Fault == FaultKind.Kill).Replica);
            }
            if (step.Fault == FaultKind.Kill)
            {
                Assert.Equal(FaultKind.Restart, soak.Steps.Skip(i + 1).First(s => s.Fault is FaultKind.Kill or FaultKind.Restart).Fault);
            }
        }
        Assert.Equal("churn 30 + 3 nodes over 30s", soak.Steps.First(s => s.Fault == FaultKind.Churn).ToString());
    }
}
