using System.Globalization;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Bench.Scenarios;
using AkoActors.Configuration;

namespace AkoActors.Bench;

/// <summary>Parses the command line into a matrix of runs (replica counts × Avi latencies), runs each in a fresh world,
/// and writes the report.</summary>
public sealed class BenchCommand
{
    public const string Usage = """
        ako-bench <scenario> [options]       (dotnet run -c Release --project src/AkoActors.Bench -- <scenario> ...)
          scenarios:
            single      one endpoint change, then one new LoadBalancer Service, at a time on an idle system
            burst       N LoadBalancer Services at once: time to all statuses, Avi calls, peak memory per replica
            restart     N Services realised; all replicas stopped and started again: time to ready, reads, writes (must be 0)
            failover    3 replicas under endpoint churn, one SIGKILLed: recovery time, lost changes and extra writes (must be 0)
            scale-out   burst with 1 and with 3 replicas (same as: burst --replicas 1,3)
            ingress-burst   M Ingresses (1-3 hosts each) at once on LARGE shards: time to all statuses, Avi calls, writes per shared VS, memory
            ingress-single  on a busy LARGE setup, one new Ingress host at a time: latency to its Avi writes and to its status, calls
            ingress-join    N Ingresses realised by 1 replica, then more join (--replicas total, default 3): statuses kept, Avi writes 0
          options (lists run one fresh world per combination, side by side in one invocation):
            --replicas N[,N...]        replicas as separate processes (default: 3 for failover and ingress-join, 1,3 for scale-out, else 1)
            --avi-latency-ms L[,L...]  AviSim fixed latency per request (default: 0,20 for burst, scale-out and ingress-burst, else 0)
            --avi-concurrency C        AviSim concurrency cap (default 16; 0 = none)
            --services N               Services (default: burst, scale-out and restart 2000 (spec default), failover 300)
            --repetitions R            single, ingress-single: changes measured (default 200); others: fresh-world runs, medians reported (default 1)
            --ingresses M              Ingresses (default: ingress-burst 1000 (spec default), ingress-single 300 present before measuring)
            --backends K               backend ClusterIP Services of the Ingresses, Ingress i → backend i % K (default 50)
            --endpoints E              endpoints per Service (default 2)
            --parallelism P            concurrent Kubernetes writes when creating many objects (default 16)
            --churn-rate K             failover: endpoint changes per second (default 20)
            --log-level LEVEL          replicas' AKOSettings.logLevel (default INFO, as shipped)
            --replica-gc server|workstation   replicas' GC (default server, as the host is built)
            --full-sync-s S            replicas' AKOSettings.fullSyncFrequency (default: AKO's 1800); ingress-join waits for 3 more sweeps when S <= 120
            --shard-size SIZE          replicas' L7Settings.shardVSSize: LARGE (8 shared VSes), MEDIUM (4) or SMALL (1) (default: LARGE for ingress-*, else SMALL)
            --shard-settle-s S         ingress-*, several replicas: before measuring, wait until no shard rebalance started for S seconds (default 5; 0 = measure at once)
            --timeout-s S              deadline of every wait (default 300)
            --out DIR                  results folder (default results)
            --host-dll PATH            the replica executable (default src/AkoActors/bin/<this build's configuration>/net10.0/AkoActors.dll)
        """;

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>();

    private static readonly string[] Scenarios =
        [SingleScenario.Name, BurstScenario.Name, RestartScenario.Name, FailoverScenario.Name, "scale-out", IngressBurstScenario.Name, IngressSingleScenario.Name, IngressJoinScenario.Name];

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

    public static BenchCommand Parse(CommandArguments args, string commandLine)
    {
        var scenario = args.Verb;
        if (!Scenarios.Contains(scenario)) throw new ArgumentException($"unknown scenario '{scenario}' (one of {string.Join(", ", Scenarios)})");
        var root = RepositoryRoot();
        var command = new BenchCommand
        {
            _scenario = scenario,
            _commandLine = "ako-bench " + commandLine,
            _root = root,
            _replicas = Ints(args.Value("--replicas") ?? scenario switch { "failover" or IngressJoinScenario.Name => "3", "scale-out" => "1,3", _ => "1" }),
            _latencies = Doubles(args.Value("--avi-latency-ms") ?? (scenario is "burst" or "scale-out" or IngressBurstScenario.Name ? "0,20" : "0")),
            _out = Path.GetFullPath(args.Value("--out") ?? "results"),
            _logLevel = args.Value("--log-level") ?? "INFO",
            _gc = args.Value("--replica-gc") ?? "server",
            _fullSync = args.Value("--full-sync-s") is null ? null : args.Int("--full-sync-s", 1800),
        };
        if (command._gc is not ("server" or "workstation")) throw new ArgumentException("--replica-gc is server or workstation");
        var ingressScenario = scenario is IngressBurstScenario.Name or IngressSingleScenario.Name or IngressJoinScenario.Name;
        command._shardSize = (args.Value("--shard-size") ?? (ingressScenario ? "LARGE" : "SMALL")).ToUpperInvariant();
        if (command._shardSize is not ("LARGE" or "MEDIUM" or "SMALL")) throw new ArgumentException("--shard-size is LARGE, MEDIUM or SMALL");
        var configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif
        command._hostDll = Path.GetFullPath(args.Value("--host-dll") ?? Path.Combine(root, "src", "AkoActors", "bin", configuration, "net10.0", "AkoActors.dll"));
        if (!File.Exists(command._hostDll)) throw new ArgumentException($"the replica executable {command._hostDll} does not exist; build it (dotnet build -c {configuration} src/AkoActors)");
        command._template = new ScenarioParameters
        {
            AviConcurrency = args.Int("--avi-concurrency", 16),
            Services = args.Int("--services", scenario switch { "failover" => 300, SingleScenario.Name => 0, _ when ingressScenario => 0, _ => 2000 }),
            Repetitions = args.Int("--repetitions", scenario is SingleScenario.Name or IngressSingleScenario.Name ? 200 : 1),
            Ingresses = args.Int("--ingresses", scenario switch { IngressBurstScenario.Name => 1000, IngressSingleScenario.Name or IngressJoinScenario.Name => 300, _ => 0 }),
            Backends = Math.Max(1, args.Int("--backends", 50)),
            Endpoints = args.Int("--endpoints", 2),
            ClientParallelism = Math.Max(1, args.Int("--parallelism", 16)),
            ChurnPerSecond = args.Value("--churn-rate") is { } churn ? double.Parse(churn, CultureInfo.InvariantCulture) : 20,
            ShardSize = command._shardSize,
            FullSyncSeconds = command._fullSync,
            ShardSettle = TimeSpan.FromSeconds(args.Int("--shard-settle-s", 5)),
            Timeout = TimeSpan.FromSeconds(args.Int("--timeout-s", 300)),
        };
        args.EnsureAllUsed();
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
        var runs = _scenario is SingleScenario.Name or FailoverScenario.Name or IngressSingleScenario.Name ? 1 : Math.Max(1, _template.Repetitions);
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
                    var population = p.Ingresses > 0 ? $"{p.Ingresses} Ingresses, {p.Backends} backends, shardVSSize {p.ShardSize}" : $"{p.Services} Services";
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
                            IngressBurstScenario.Name => await IngressBurstScenario.RunAsync(world, p),
                            IngressSingleScenario.Name => await IngressSingleScenario.RunAsync(world, p),
                            IngressJoinScenario.Name => await IngressJoinScenario.RunAsync(world, p),
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

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AkoActors.sln"))) return dir.FullName;
            }
        }
        throw new ArgumentException("cannot find the repository root (AkoActors.sln) above the harness or the current directory");
    }

    private static List<int> Ints(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"'{t}' is not a positive number"))
            .ToList();

    private static List<double> Doubles(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.TryParse(t, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new ArgumentException($"'{t}' is not a non-negative number"))
            .ToList();
}
