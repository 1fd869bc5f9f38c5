using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Simulation.Faults;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Reporting;
using AkoActors.Simulation.Schedules;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench;

/// <summary><c>ako-bench simulate</c>: one simulation run a user can pick up — N replicas over a generated workload, a fault
/// schedule from a file or a seed, every invariant checked — with progress on the terminal, a summary, and a JSON report.</summary>
public static class SimulateCommand
{
    private static readonly Option<int> Replicas = new("--replicas") { Description = "controller replicas (processes)", HelpName = "N", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Services = new("--services") { Description = "LoadBalancer Services", HelpName = "N", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Ingresses = new("--ingresses") { Description = "Ingresses (1-3 hosts each)", HelpName = "N", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Nodes with pod CIDRs the controller must route, beside the cluster's own; churn steps' \"nodes\" change only these", HelpName = "N", DefaultValueFactory = _ => 0 };
    private static readonly Option<FileInfo?> Cluster = new("--cluster") { Description = "a snapshot of a real cluster to load instead of generated Services and Ingresses: the output of 'kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A -o json' (Secrets optional)", HelpName = "FILE" };
    private static readonly Option<string> ShardSize = new("--shard-vs-size") { Description = "L7Settings.shardVSSize of the replicas: LARGE (8 shared VSes), MEDIUM (4), SMALL (1)", HelpName = "SIZE", DefaultValueFactory = _ => "LARGE" };
    private static readonly Option<int> Seed = new("--seed") { Description = "seed of the random schedule and endpoint changes", HelpName = "S", DefaultValueFactory = _ => 1 };
    private static readonly Option<FileInfo?> Schedule = new("--schedule") { Description = "fault schedule (JSON or YAML); default: a random one from --seed", HelpName = "FILE" };
    private static readonly Option<int> Bound = new("--bound-s") { Description = "seconds the controller has to converge after the last fault", HelpName = "S", DefaultValueFactory = _ => 120 };
    private static readonly Option<string> Out = new("--out") { Description = "folder of the reports (JSON, HTML) and the run's logs", HelpName = "DIR", DefaultValueFactory = _ => "results/simulate" };
    private static readonly Option<string?> AviLatency = new("--avi-latency-ms") { Description = "the controller's measured latency: median, or median,p99 in ms (log-normal); default: none", HelpName = "P50[,P99]" };
    private static readonly Option<int> AviConcurrency = new("--avi-concurrency") { Description = "requests the controller serves at once, the rest queue (0 = no cap)", HelpName = "N", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> Sample = new("--sample-s") { Description = "seconds between timeline samples (each reads every object; raise it for big clusters)", HelpName = "S", DefaultValueFactory = _ => 1 };

    public static Command Create()
    {
        var command = new Command("simulate", "run the controller under a fault schedule and check every invariant (single writer, nothing lost, no orphans or duplicates, statuses match)\n"
            + "example: ako-bench simulate --replicas 3 --services 20 --ingresses 5 --nodes 10 --seed 7\n"
            + "         ako-bench simulate --services 10000 --ingresses 2000 --avi-latency-ms 20,80 --avi-concurrency 16 --schedule kills.yaml --sample-s 5\n"
            + "         kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A -o json > cluster.json\n"
            + "         ako-bench simulate --cluster cluster.json --avi-latency-ms 20,80 --avi-concurrency 16 --seed 7")
        {
            Replicas, Services, Ingresses, Nodes, Cluster, ShardSize, Seed, Schedule, Bound, AviLatency, AviConcurrency, Sample, Out,
        };
        command.SetAction(async (parse, _) => await RunAsync(parse));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse)
    {
        var replicas = parse.GetValue(Replicas);
        var seed = parse.GetValue(Seed);
        var bound = TimeSpan.FromSeconds(parse.GetValue(Bound));
        var folder = Path.GetFullPath(Path.Combine(parse.GetValue(Out)!, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-seed{seed}"));
        FaultSchedule schedule;
        AviControllerProfile controller;
        ClusterSnapshot? snapshot = null;
        try
        {
            if (parse.GetValue(Cluster) is { } clusterFile) snapshot = ClusterSnapshot.Load(clusterFile.FullName);
            if (parse.GetValue(ShardSize) is not ("LARGE" or "MEDIUM" or "SMALL") and var size) throw new ArgumentException($"--shard-vs-size '{size}': give LARGE, MEDIUM or SMALL");
            schedule = parse.GetValue(Schedule) is { } file ? FaultSchedule.Load(file.FullName, replicas) : RandomSchedule.Create(seed, replicas);
            controller = AviControllerProfile.Parse(parse.GetValue(AviLatency), parse.GetValue(AviConcurrency));
            if (parse.GetValue(Sample) is var sample && (double.IsNaN(sample) || sample <= 0)) throw new ArgumentException($"--sample-s {sample}: give a positive number of seconds");
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"ako-bench simulate: {e.Message}");
            return 2;
        }
        var report = new JsonObject
        {
            ["seed"] = seed,
            ["replicas"] = replicas,
            ["services"] = parse.GetValue(Services),
            ["ingresses"] = parse.GetValue(Ingresses),
            ["nodes"] = parse.GetValue(Nodes),
            ["cluster"] = snapshot?.ToString(),
            ["shard_vs_size"] = parse.GetValue(ShardSize),
            ["controller"] = controller.ToString(),
            ["schedule"] = JsonNode.Parse(schedule.ToJson()),
        };
        var exit = 0;
        var violations = new List<string>();
        var faults = new List<(TimeSpan At, string Label)>();
        RunReport? html = null;
        await using (var sim = await AkoActors.Simulation.Simulation.StartAsync(o =>
                     {
                         o.Replicas(replicas).Services(parse.GetValue(Services)).Ingresses(parse.GetValue(Ingresses)).Nodes(parse.GetValue(Nodes)).Seed(seed).Shards(parse.GetValue(ShardSize)!)
                             .Controller(controller).RecordTimeline(TimeSpan.FromSeconds(parse.GetValue(Sample))).In(folder).LogTo(Console.WriteLine);
                         if (snapshot is not null) o.Cluster(snapshot);
                     }))
        {
            report["started_s"] = Math.Round(sim.Elapsed.TotalSeconds, 1);
            report["initial_convergence_s"] = Math.Round(sim.InitialConvergence.TotalSeconds, 1);
            var scheduleStart = sim.Elapsed;
            try
            {
                var outcome = await ScheduleRunner.RunAsync(sim, schedule, bound);
                report["schedule_s"] = Math.Round(outcome.Took.TotalSeconds, 1);
                report["converged_after_last_fault_s"] = Math.Round(outcome.ConvergedAfterLastFault.TotalSeconds, 1);
                report["steps"] = new JsonArray(outcome.Applied.Select(a => (JsonNode)$"{a.At.TotalSeconds:0.0}s {a.Step}").ToArray());
                faults.AddRange(outcome.Applied.Select(a => (scheduleStart + a.At, a.Step.ToString())));
            }
            catch (InvariantViolationException e)
            {
                violations.AddRange(e.Violations.Select(v => v.ToString()));
                await Console.Error.WriteLineAsync(e.Message);
                exit = 1;
            }
            report["violations"] = new JsonArray(violations.Select(v => (JsonNode)v).ToArray());
            var audit = sim.Checker.Audit;
            report["avi_writes_by_kind"] = ByKind(audit.Select(e => $"{e.Method} {e.ObjectType} {e.Status.ToString(CultureInfo.InvariantCulture)}"));
            var stats = sim.Avi.Simulator.Stats;
            report["avi_requests"] = stats.Requests;
            report["avi_calls"] = ToJson(stats.ByCall);
            report["avi_peak_in_flight"] = stats.PeakInFlight;
            var latencies = ChangeLatencies.Measure(sim.Workload.ChangeLog, audit);
            report["change_latency_ms"] = new JsonObject
            {
                ["changes"] = sim.Workload.ChangeLog.Count,
                ["realised"] = latencies.Realised.Count,
                ["unrealised"] = latencies.Unrealised,
                ["p50"] = Ms(latencies.Quantile(0.5)),
                ["p90"] = Ms(latencies.Quantile(0.9)),
                ["p99"] = Ms(latencies.Quantile(0.99)),
                ["max"] = Ms(latencies.Quantile(1)),
            };
            var nodeLatencies = ChangeLatencies.MeasureNodes(sim.Workload.NodeChangeLog, audit);
            report["node_change_latency_ms"] = new JsonObject
            {
                ["changes"] = sim.Workload.NodeChanges,
                ["realised"] = nodeLatencies.Realised.Count,
                ["unrealised"] = nodeLatencies.Unrealised,
                ["p50"] = Ms(nodeLatencies.Quantile(0.5)),
                ["p90"] = Ms(nodeLatencies.Quantile(0.9)),
                ["p99"] = Ms(nodeLatencies.Quantile(0.99)),
                ["max"] = Ms(nodeLatencies.Quantile(1)),
            };
            var memory = new JsonObject();
            foreach (var process in sim.Replicas.SelectMany(r => r.Incarnations))
            {
                var m = process.HasExited ? process.LastMemory : process.ReadMemory() ?? process.LastMemory;
                if (m is not null) memory[process.Id] = Math.Round(m.PeakResidentMiB, 1);
            }
            report["replica_peak_resident_mib"] = memory;
            report["idle_replica_resident_mib"] = sim.IdleResidentMiB is { } idle ? Math.Round(idle, 1) : null;
            report["replica_footprint"] = new JsonArray((await sim.FootprintsAsync()).Select(f => (JsonNode)new JsonObject
            {
                ["replica"] = f.Replica, ["resident_mib"] = Math.Round(f.ResidentMiB, 1), ["owned_entities"] = f.Owned,
                ["kib_per_owned_entity"] = f.KiBPerOwnedEntity is { } k ? Math.Round(k, 1) : null,
            }).ToArray());
            var timeline = sim.Timeline?.Samples ?? [];
            report["timeline"] = new JsonArray(timeline.Select(t => (JsonNode)new JsonObject
            {
                ["t_s"] = Math.Round(t.At.TotalSeconds, 2), ["realised"] = t.Realised, ["total"] = t.Total, ["avi_requests"] = t.AviRequests,
                ["avi_in_flight"] = t.AviInFlight, ["replicas_running"] = t.ReplicasRunning,
            }).ToArray());
            html = new RunReport($"ako-bench simulate — seed {seed}, {replicas} replicas", Summary(report, schedule, bound), timeline, faults, latencies, stats.ByCall, violations, nodeLatencies);
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "report.json");
        await File.WriteAllTextAsync(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var htmlPath = Path.Combine(folder, "report.html");
        await File.WriteAllTextAsync(htmlPath, HtmlReport.Render(html!));
        Console.WriteLine();
        foreach (var (name, value) in html!.Summary) Console.WriteLine($"  {name}: {value}");
        Console.WriteLine($"  report: {path}");
        Console.WriteLine($"          {htmlPath}");
        return exit;
    }

    /// <summary>The lines of the terminal summary and of the HTML report's table.</summary>
    private static List<(string, string)> Summary(JsonObject report, FaultSchedule schedule, TimeSpan bound)
    {
        var latency = report["change_latency_ms"]!;
        var calls = report["avi_calls"]!.AsObject();
        var top = calls.OrderByDescending(c => c.Value!.GetValue<long>()).Take(6).Select(c => $"{c.Key} {c.Value}");
        return
        [
            ("workload", (report["cluster"] is { } cluster ? $"cluster snapshot: {cluster}" : $"{report["services"]} Services, {report["ingresses"]} Ingresses (generated)") +
                         (report["nodes"]?.GetValue<int>() is > 0 ? $" + {report["nodes"]} Nodes" : "") +
                         $"; {report["replicas"]} replicas; shardVSSize {report["shard_vs_size"]}; seed {report["seed"]}"),
            ("controller", report["controller"]!.GetValue<string>()),
            ("schedule", $"'{schedule.Name}', {schedule.Steps.Count} steps"),
            ("time to converge (load → realised)", $"{report["initial_convergence_s"]} s"),
            ("converged after the last fault", report["converged_after_last_fault_s"] is { } c ? $"{c} s (bound {bound.TotalSeconds:0} s)" : "no"),
            ("Avi requests", $"{report["avi_requests"]}, peak {report["avi_peak_in_flight"]} in flight; most: {string.Join(", ", top)}"),
            ("endpoint change → pool written", latency["realised"]!.GetValue<int>() == 0
                ? "no change realised"
                : $"p50 {latency["p50"]} ms, p90 {latency["p90"]} ms, p99 {latency["p99"]} ms, max {latency["max"]} ms ({latency["realised"]} changes realised, {latency["unrealised"]} not)"),
            ("node change → vrfcontext written", report["node_change_latency_ms"]!["changes"]!.GetValue<int>() == 0
                ? "no node changes"
                : $"p50 {report["node_change_latency_ms"]!["p50"]} ms, p90 {report["node_change_latency_ms"]!["p90"]} ms, max {report["node_change_latency_ms"]!["max"]} ms ({report["node_change_latency_ms"]!["realised"]} changes realised, {report["node_change_latency_ms"]!["unrealised"]} not)"),
            ("peak resident memory per replica incarnation", string.Join(", ", report["replica_peak_resident_mib"]!.AsObject().Select(m => $"{m.Key} {m.Value} MiB"))),
            ("memory per owned entity (resident above an idle replica's " + $"{report["idle_replica_resident_mib"]} MiB, cache included)",
                string.Join(", ", report["replica_footprint"]!.AsArray().Select(f => $"{f!["replica"]} {f["resident_mib"]} MiB, {f["owned_entities"]} owned, {f["kib_per_owned_entity"]?.ToString() ?? "-"} KiB each"))),
            ("violations", report["violations"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private static JsonNode? Ms(TimeSpan? value) => value is { } v ? Math.Round(v.TotalMilliseconds, 1) : null;

    private static JsonObject ToJson(IReadOnlyDictionary<string, long> counts)
    {
        var result = new JsonObject();
        foreach (var (key, count) in counts) result[key] = count;
        return result;
    }

    private static JsonObject ByKind(IEnumerable<string> keys)
    {
        var result = new JsonObject();
        foreach (var group in keys.GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal)) result[group.Key] = group.Count();
        return result;
    }
}
