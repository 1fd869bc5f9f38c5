using System.CommandLine;
using System.Globalization;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Bench.Scenarios;
using AkoActors.Configuration;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;

namespace AkoActors.Bench;

/// <summary>Parses the command line into a matrix of runs (replica counts × Avi latencies), runs each in a fresh world,
/// and writes the report.</summary>
public sealed class BenchCommand
{
    /// <summary>Each scenario is a command of its own, so <c>simulate --help</c> shows only its own usage.</summary>
    private static readonly (string Name, string Description)[] Scenarios =
    [
        (SingleScenario.Name, "one endpoint change, then one new LoadBalancer Service, at a time on an idle system"),
        (BurstScenario.Name, "N LoadBalancer Services at once: time to all statuses, Avi calls, peak memory per replica"),
        (RestartScenario.Name, "N Services realised; all replicas stopped and started again: time to ready, reads, writes (must be 0)"),
        (FailoverScenario.Name, "3 replicas under endpoint churn, one SIGKILLed: recovery time, lost changes and extra writes (must be 0)"),
        (ScaleInScenario.Name, "3 replicas under endpoint churn, stopped gracefully one at a time down to 1: write pause, lost changes and extra writes (must be 0)"),
        ("scale-out", "burst with 1 and with 3 replicas (same as: burst --replicas 1,3)"),
        (IngressBurstScenario.Name, "M Ingresses (1-3 hosts each) at once on LARGE shards: time to all statuses, Avi calls, writes per shared VS, memory"),
        (IngressSingleScenario.Name, "on a busy LARGE setup, one new Ingress host at a time: latency to its Avi writes and to its status"),
        (IngressJoinScenario.Name, "N Ingresses realised by 1 replica, then more join (--replicas total, default 3): statuses kept, Avi writes 0"),
        (SecretsScenario.Name, "N Helm release Secrets of K KiB in the cluster (half before the replica starts, half while it runs): memory per replica"),
        (TakeoverScenario.Name, "AKO's objects for N Services and M Ingresses generated on AviSim (statuses and annotations on the Kubernetes objects), " +
            "AkoActors started on them: takeover time, writes, and zero VS/vsvip re-creations, VIP and status changes and writes at rest"),
        (IsolationScenario.Name, "namespace B's single changes (endpoint change, new Ingress host) with namespace A idle, then while A floods " +
            "(--churn-rate endpoint changes/s, a tenth of that in new hosts and in refused Services): B's p50/p99"),
    ];

    private string _scenario = "";
    private string _commandLine = "";
    private List<int> _replicas = [];
    private List<double> _latencies = [];
    private ScenarioParameters _template = new();
    private string _out = "results";
    private string _hostDll = "";
    private string _logLevel = "INFO";
    private string _gc = "server";
    private string _root = "";
    private int? _fullSync;
    private string _shardSize = "SMALL";

    private static readonly Option<string?> ReplicaCounts = new("--replicas")
    {
        Description = "replicas as separate processes, comma-separated for one fresh world each (default: 3 for failover and ingress-join, 1,3 for scale-out, else 1)",
        HelpName = "N[,N...]",
    };

    private static readonly Option<string?> AviLatencies = new("--avi-latency-ms")
    {
        Description = "AviSim fixed latency per request, comma-separated (default: 0,20 for burst, scale-out and ingress-burst, else 0)",
        HelpName = "L[,L...]",
    };

    private static readonly Option<int> AviConcurrency = Count("--avi-concurrency", "AviSim concurrency cap (0 = none)", 16);
    private static readonly Option<int?> Services = OptionalCount("--services", "Services (default: burst, scale-out and restart 2000 (spec default), failover 300)");
    private static readonly Option<int?> Repetitions = OptionalCount("--repetitions", "single, ingress-single: changes measured (default 200); others: fresh-world runs, medians reported (default 1)");
    private static readonly Option<int?> Ingresses = OptionalCount("--ingresses", "Ingresses (default: ingress-burst 1000 (spec default), ingress-single and ingress-join 300 present before measuring)");
    private static readonly Option<int> HelmSecrets = Count("--helm-secrets", "secrets: Helm release Secrets in the cluster", 1000);
    private static readonly Option<int> HelmSecretKiB = Count("--helm-secret-kib", "secrets: size of each Helm release Secret", 300);
    private static readonly Option<int> Backends = Count("--backends", "backend ClusterIP Services of the Ingresses, Ingress i → backend i % K", 50);
    private static readonly Option<int> Endpoints = Count("--endpoints", "endpoints per Service", 2);
    private static readonly Option<int> Parallelism = Count("--parallelism", "concurrent Kubernetes writes when creating many objects", 16);
    private static readonly Option<double> ChurnRate = new("--churn-rate") { Description = "failover, scale-in, isolation: endpoint changes per second", HelpName = "K", DefaultValueFactory = _ => 20 };
    private static readonly Option<string> LogLevel = CommandLineOptions.LogLevel("--log-level", "INFO");
    private static readonly Option<string> ReplicaGc = new("--replica-gc") { Description = "replicas' GC", DefaultValueFactory = _ => "server" };
    private static readonly Option<int?> FullSync = OptionalCount("--full-sync-s", "replicas' AKOSettings.fullSyncFrequency (default: AKO's 1800); ingress-join waits for 3 more sweeps when S <= 120");
    private static readonly Option<string?> ShardSize = new("--shard-size") { Description = "replicas' L7Settings.shardVSSize: LARGE (8 shared VSes), MEDIUM (4) or SMALL (1) (default: LARGE for ingress-*, else SMALL)" };
    private static readonly Option<int> ShardSettle = Count("--shard-settle-s", "ingress-*, several replicas: before measuring, wait until no shard rebalance started for S seconds (0 = measure at once)", 5);
    private static readonly Option<int> TlsEvery = Count("--tls-every", "takeover: every n-th Ingress is TLS (0 = none)", 10);
    private static readonly Option<int> QuietSeconds = Count("--quiet-s", "takeover: seconds after convergence in which no write may happen", 60);
    private static readonly Option<int> TimeoutSeconds = Count("--timeout-s", "deadline of every wait", 300);
    private static readonly Option<string> Out = new("--out") { Description = "results folder", HelpName = "DIR", DefaultValueFactory = _ => "results" };
    private static readonly Option<string?> HostDll = new("--host-dll") { Description = "the replica executable (default src/AkoActors/bin/<this build's configuration>/net10.0/AkoActors.dll)", HelpName = "PATH" };

    static BenchCommand()
    {
        ReplicaGc.AcceptOnlyFromAmong("server", "workstation");
        ShardSize.AcceptOnlyFromAmong("LARGE", "MEDIUM", "SMALL");
    }

    /// <summary>The harness's command line: one scenario and its options; the action runs it and writes the report.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("ako-bench: runs a scenario of spec/benchmarks.md end to end (dotnet run -c Release --project src/AkoActors.Bench -- <scenario> ...), " +
            "or the controller under a fault schedule (simulate)");
        foreach (var (name, description) in Scenarios) root.Subcommands.Add(ScenarioCommand(name, description));
        root.Subcommands.Add(SimulateCommand.Create());
        return root;
    }

    private static Command ScenarioCommand(string name, string description)
    {
        var command = new Command(name, description)
        {
            ReplicaCounts, AviLatencies, AviConcurrency, Services, Repetitions, Ingresses, HelmSecrets, HelmSecretKiB, Backends, Endpoints, Parallelism, ChurnRate,
            LogLevel, ReplicaGc, FullSync, ShardSize, ShardSettle, TlsEvery, QuietSeconds, TimeoutSeconds, Out, HostDll,
        };
        command.SetAction(async (parse, _) =>
        {
            try
            {
                return await Parse(parse).RunAsync();
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"ako-bench: {e.Message}");
                return 2;
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"ako-bench: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Option<int> Count(string name, string description, int fallback)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError($"{name} needs a non-negative number");
        });
        return option;
    }

    private static Option<int?> OptionalCount(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() < 0) result.AddError($"{name} needs a non-negative number");
        });
        return option;
    }

    private static BenchCommand Parse(ParseResult parse)
    {
        var scenario = parse.CommandResult.Command.Name;
        var root = RepositoryRoot();
        var ingressScenario = scenario is IngressBurstScenario.Name or IngressSingleScenario.Name or IngressJoinScenario.Name;
        var takeover = scenario == TakeoverScenario.Name;
        var command = new BenchCommand
        {
            _scenario = scenario,
            _commandLine = "ako-bench " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            _root = root,
            _replicas = Ints(parse.GetValue(ReplicaCounts) ?? scenario switch { "failover" or ScaleInScenario.Name or IngressJoinScenario.Name => "3", "scale-out" => "1,3", _ => "1" }),
            _latencies = Doubles(parse.GetValue(AviLatencies) ?? (scenario is "burst" or "scale-out" or IngressBurstScenario.Name ? "0,20" : "0")),
            _out = Path.GetFullPath(parse.GetValue(Out)!),
            _logLevel = parse.GetValue(LogLevel)!,
            _gc = parse.GetValue(ReplicaGc)!,
            _fullSync = parse.GetValue(FullSync),
            _shardSize = parse.GetValue(ShardSize) ?? (ingressScenario || takeover ? "LARGE" : "SMALL"),
        };
        var configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif
        command._hostDll = Path.GetFullPath(parse.GetValue(HostDll) ?? Path.Combine(root, "src", "AkoActors", "bin", configuration, "net10.0", "AkoActors.dll"));
        if (!File.Exists(command._hostDll)) throw new ArgumentException($"the replica executable {command._hostDll} does not exist; build it (dotnet build -c {configuration} src/AkoActors)");
        command._template = new ScenarioParameters
        {
            AviConcurrency = parse.GetValue(AviConcurrency),
            Services = parse.GetValue(Services) ?? scenario switch { "failover" or ScaleInScenario.Name => 300, SingleScenario.Name => 0, _ when ingressScenario => 0, SecretsScenario.Name => 0, TakeoverScenario.Name => 1000, _ => 2000 },
            Repetitions = parse.GetValue(Repetitions) ?? (scenario is SingleScenario.Name or IngressSingleScenario.Name ? 200 : scenario == IsolationScenario.Name ? 100 : 1),
            Ingresses = parse.GetValue(Ingresses) ?? scenario switch { IngressBurstScenario.Name or TakeoverScenario.Name => 1000, IngressSingleScenario.Name or IngressJoinScenario.Name => 300, _ => 0 },
            HelmSecrets = scenario == SecretsScenario.Name ? parse.GetValue(HelmSecrets) : 0,
            HelmSecretKiB = parse.GetValue(HelmSecretKiB),
            Backends = Math.Max(1, parse.GetValue(Backends)),
            Endpoints = parse.GetValue(Endpoints),
            ClientParallelism = Math.Max(1, parse.GetValue(Parallelism)),
            ChurnPerSecond = parse.GetValue(ChurnRate),
            ShardSize = command._shardSize,
            FullSyncSeconds = command._fullSync,
            ShardSettle = TimeSpan.FromSeconds(parse.GetValue(ShardSettle)),
            TlsEvery = takeover ? parse.GetValue(TlsEvery) : 0,
            QuietWindow = TimeSpan.FromSeconds(parse.GetValue(QuietSeconds)),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(TimeoutSeconds)),
        };
        return command;
    }

    public async Task<int> RunAsync()
    {
        var machine = MachineInfo.Capture(_root);
        var progress = new Progress();
        var report = new Report(_scenario, _commandLine, machine);
        var folder = Path.Combine(_out, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{_scenario}");
        progress.Say($"ako-bench {_scenario}: {machine.Describe()}");
        progress.Say($"replica executable {_hostDll} (built {File.GetLastWriteTimeUtc(_hostDll):u}); results in {folder}");
        var scenario = _scenario == "scale-out" ? BurstScenario.Name : _scenario;
        var runs = _scenario is SingleScenario.Name or FailoverScenario.Name or ScaleInScenario.Name or IngressSingleScenario.Name or IsolationScenario.Name ? 1 : Math.Max(1, _template.Repetitions);
        var failed = false;
        foreach (var replicas in _replicas)
        {
            foreach (var latency in _latencies)
            {
                var p = _template with { Replicas = replicas, AviLatency = TimeSpan.FromMilliseconds(latency) };
                var results = new List<RunResult>();
                for (var run = 1; run <= runs; run++)
                {
                    var name = $"r{replicas}-l{latency:0}-{run}";
                    var population = p.Ingresses > 0 ? $"{(p.Services > 0 ? $"{p.Services} Services, " : "")}{p.Ingresses} Ingresses, {p.Backends} backends, shardVSSize {p.ShardSize}" : $"{p.Services} Services";
                    progress.Say($"=== {_scenario} run {run}/{runs}: {replicas} replica(s), AviSim latency {latency:0} ms, cap {p.AviConcurrency}, {population} ===");
                    await using var world = await BenchWorld.StartAsync(new WorldOptions
                    {
                        Dotnet = DotnetPath(), HostDll = _hostDll, AviLatency = p.AviLatency, AviConcurrency = p.AviConcurrency,
                        ReplicaLogLevel = _logLevel, ReplicaGc = _gc, FullSyncSeconds = _fullSync, ShardSize = p.ShardSize,
                    }, Path.Combine(folder, name), progress);
                    RunResult result;
                    try
                    {
                        result = scenario switch
                        {
                            SingleScenario.Name => await SingleScenario.RunAsync(world, p),
                            BurstScenario.Name => await BurstScenario.RunAsync(world, p),
                            RestartScenario.Name => await RestartScenario.RunAsync(world, p),
                            FailoverScenario.Name => await FailoverScenario.RunAsync(world, p),
                            ScaleInScenario.Name => await ScaleInScenario.RunAsync(world, p),
                            IngressBurstScenario.Name => await IngressBurstScenario.RunAsync(world, p),
                            IngressSingleScenario.Name => await IngressSingleScenario.RunAsync(world, p),
                            IngressJoinScenario.Name => await IngressJoinScenario.RunAsync(world, p),
                            SecretsScenario.Name => await SecretsScenario.RunAsync(world, p),
                            IsolationScenario.Name => await IsolationScenario.RunAsync(world, p),
                            TakeoverScenario.Name => await TakeoverScenario.RunAsync(world, p),
                            _ => throw new ArgumentException(scenario),
                        };
                    }
                    catch (Exception e) when (e is TimeoutException or InvalidOperationException or k8s.Autorest.HttpOperationException)
                    {
                        progress.Say($"run {name} failed: {e.Message}");
                        result = new RunResult(scenario);
                        result.Notes.Add($"FAILED: {e.GetType().Name}: {e.Message}");
                        failed = true;
                    }
                    foreach (var (key, value) in p.Describe()) result.Parameters[key] = value;
                    result.Parameters["avi"] = world.AviFaultDescription;
                    result.Parameters["replicaLogLevel"] = _logLevel;
                    result.Parameters["replicaGc"] = _gc;
                    if (_fullSync is { } fullSync) result.Parameters["fullSyncFrequencyS"] = fullSync.ToString(CultureInfo.InvariantCulture);
                    results.Add(result);
                    progress.Say($"run {name} done");
                }
                report.Runs.Add(Aggregate.Medians(results));
                report.Write(folder);
            }
        }
        var (json, markdown) = report.Write(folder);
        Console.WriteLine();
        Console.WriteLine(report.ToMarkdown());
        progress.Say($"wrote {json} and {markdown}");
        return failed || report.Runs.Any(r => r.Checks.Any(c => !c.Passed)) ? 1 : 0;
    }

    private static string DotnetPath() => ReplicaExecutable.Dotnet();

    private static string RepositoryRoot() => ReplicaExecutable.RepositoryRoot();

    private static List<int> Ints(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"'{t}' is not a positive number"))
            .ToList();

    private static List<double> Doubles(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.TryParse(t, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new ArgumentException($"'{t}' is not a non-negative number"))
            .ToList();
}
