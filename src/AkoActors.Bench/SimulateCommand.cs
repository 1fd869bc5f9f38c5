using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Schedules;

namespace AkoActors.Bench;

/// <summary><c>ako-bench simulate</c>: one simulation run a user can pick up — N replicas over a generated workload, a fault
/// schedule from a file or a seed, every invariant checked — with progress on the terminal, a summary, and a JSON report.</summary>
public static class SimulateCommand
{
    private static readonly Option<int> Replicas = new("--replicas") { Description = "controller replicas (processes)", HelpName = "N", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Services = new("--services") { Description = "LoadBalancer Services", HelpName = "N", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Ingresses = new("--ingresses") { Description = "Ingresses (1-3 hosts each)", HelpName = "N", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Seed = new("--seed") { Description = "seed of the random schedule and endpoint changes", HelpName = "S", DefaultValueFactory = _ => 1 };
    private static readonly Option<FileInfo?> Schedule = new("--schedule") { Description = "fault schedule (JSON or YAML); default: a random one from --seed", HelpName = "FILE" };
    private static readonly Option<int> Bound = new("--bound-s") { Description = "seconds the controller has to converge after the last fault", HelpName = "S", DefaultValueFactory = _ => 120 };
    private static readonly Option<string> Out = new("--out") { Description = "folder of the JSON report and the run's logs", HelpName = "DIR", DefaultValueFactory = _ => "results/simulate" };

    public static Command Create()
    {
        var command = new Command("simulate", "run the controller under a fault schedule and check every invariant (single writer, nothing lost, no orphans or duplicates, statuses match)\n"
            + "example: ako-bench simulate --replicas 3 --services 20 --ingresses 5 --seed 7")
        {
            Replicas, Services, Ingresses, Seed, Schedule, Bound, Out,
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
        try
        {
            schedule = parse.GetValue(Schedule) is { } file ? FaultSchedule.Load(file.FullName, replicas) : RandomSchedule.Create(seed, replicas);
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
            ["schedule"] = JsonNode.Parse(schedule.ToJson()),
        };
        var exit = 0;
        await using (var sim = await AkoActors.Simulation.Simulation.StartAsync(o => o.Replicas(replicas).Services(parse.GetValue(Services))
                         .Ingresses(parse.GetValue(Ingresses)).Seed(seed).In(folder).LogTo(Console.WriteLine)))
        {
            report["started_s"] = Math.Round(sim.Elapsed.TotalSeconds, 1);
            try
            {
                var outcome = await ScheduleRunner.RunAsync(sim, schedule, bound);
                report["schedule_s"] = Math.Round(outcome.Took.TotalSeconds, 1);
                report["converged_after_last_fault_s"] = Math.Round(outcome.ConvergedAfterLastFault.TotalSeconds, 1);
                report["steps"] = new JsonArray(outcome.Applied.Select(a => (JsonNode)$"{a.At.TotalSeconds:0.0}s {a.Step}").ToArray());
                report["violations"] = new JsonArray();
            }
            catch (InvariantViolationException e)
            {
                report["violations"] = new JsonArray(e.Violations.Select(v => (JsonNode)v.ToString()).ToArray());
                await Console.Error.WriteLineAsync(e.Message);
                exit = 1;
            }
            var audit = sim.Checker.Audit;
            report["avi_writes_by_kind"] = ByKind(audit.Select(e => $"{e.Method} {e.ObjectType} {e.Status.ToString(CultureInfo.InvariantCulture)}"));
            var stats = sim.Avi.Simulator.Stats;
            report["avi_requests"] = stats.Requests;
            report["avi_peak_in_flight"] = stats.PeakInFlight;
            var memory = new JsonObject();
            foreach (var process in sim.Replicas.SelectMany(r => r.Incarnations))
            {
                var m = process.HasExited ? process.LastMemory : process.ReadMemory() ?? process.LastMemory;
                if (m is not null) memory[process.Id] = Math.Round(m.PeakResidentMiB, 1);
            }
            report["replica_peak_resident_mib"] = memory;
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "report.json");
        await File.WriteAllTextAsync(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"seed {seed}, {replicas} replicas, {report["services"]} Services, {report["ingresses"]} Ingresses, schedule '{schedule.Name}' ({schedule.Steps.Count} steps)");
        Console.WriteLine($"  converged after the last fault: {report["converged_after_last_fault_s"]?.ToString() ?? "no"} s (bound {bound.TotalSeconds:0} s)");
        Console.WriteLine($"  Avi requests {report["avi_requests"]}, peak in flight {report["avi_peak_in_flight"]}; writes: {report["avi_writes_by_kind"]!.AsObject().Count} kinds");
        Console.WriteLine($"  violations: {report["violations"]!.AsArray().Count}");
        Console.WriteLine($"  report: {path}");
        return exit;
    }

    private static JsonObject ByKind(IEnumerable<string> keys)
    {
        var result = new JsonObject();
        foreach (var group in keys.GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal)) result[group.Key] = group.Count();
        return result;
    }
}
