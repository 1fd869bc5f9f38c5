using System.CommandLine;
using AkoActors.KubeSim.Benchmarks;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Registry;

namespace AkoActors.KubeSim.Hosting;

/// <summary>The KubeSim executable's command line: serve a simulated cluster (the default) or run the scale benchmark
/// (<c>bench</c>); options are declared once, so parsing, errors and <c>--help</c> agree.</summary>
public static class KubeSimCommand
{
    private static readonly Option<int> Port = new("--port")
    {
        Description = "listen on 127.0.0.1:PORT (0 picks a free port)", HelpName = "PORT", DefaultValueFactory = _ => 6443,
    };

    private static readonly Option<string> Kubeconfig = new("--kubeconfig")
    {
        Description = "write the kubeconfig here", HelpName = "PATH", DefaultValueFactory = _ => Path.Combine(".state", "kubesim", "kubeconfig"),
    };

    private static readonly Option<string?> Profile = new("--profile")
    {
        Description = "cluster to seed: seed (the article's 3 masters + 3 workers, default), empty, or a profile FILE", HelpName = "seed|empty|FILE",
    };

    private static readonly Option<string?> Snapshot = new("--snapshot")
    {
        Description = "restore the store from PATH at start and save it there at stop; the CA, serving certificate and token are kept in PATH.identity.json across restarts",
        HelpName = "PATH",
    };
    private static readonly Option<int> WatchHistory = new("--watch-history")
    {
        Description = "how many recent writes watches can resume from; older resourceVersions get 410 Expired, so clients relist",
        HelpName = "N",
        DefaultValueFactory = _ => new KubeSimOptions().HistorySize,
    };
    private static readonly Option<string> ServiceRange = new("--service-cluster-ip-range")
    {
        Description = "kube-apiserver's flag: the range Service cluster IPs come from; two ranges of different families separated by a comma make a dual-stack cluster, the first one primary",
        HelpName = "CIDR[,CIDR]",
        DefaultValueFactory = _ => new RegistryOptions().ServiceCidr,
    };
    private static readonly Option<int> PodReadyDelay = Milliseconds("--pod-ready-delay", "how long new Pods stay ContainerCreating", 200);
    private static readonly Option<int> PodTerminationDelay = Milliseconds("--pod-termination-delay", "how long deleted Pods stay Terminating", 0);
    private static readonly Option<bool> NoWorkloads = new("--no-workloads") { Description = "run no simulated controllers (Deployments, Pods, Endpoints, GC)" };
    private static readonly Option<bool> Http = new("--http") { Description = "plain HTTP instead of HTTPS (tests only)" };
    private static readonly Option<bool> NoToken = new("--no-token") { Description = "accept requests without a bearer token" };
    private static readonly Option<string?> Token = new("--token") { Description = "use this bearer token instead of a random one", HelpName = "TOKEN" };
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "log requests handled by the server at Information level" };

    private static readonly Option<int> BenchObjects = new("--objects") { Description = "objects to hold", DefaultValueFactory = _ => new ScaleBenchmarkOptions().Objects };
    private static readonly Option<int> BenchWatchers = new("--watchers") { Description = "concurrent HTTP watches during the burst", DefaultValueFactory = _ => new ScaleBenchmarkOptions().Watchers };
    private static readonly Option<int> BenchChanges = new("--changes") { Description = "changes in the burst", DefaultValueFactory = _ => new ScaleBenchmarkOptions().Changes };
    private static readonly Option<bool> BenchHttps = new("--https") { Description = "use HTTPS like real clients", DefaultValueFactory = _ => true };

    static KubeSimCommand()
    {
        Port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535) result.AddError("--port must be a port number 0-65535");
        });
        ServiceRange.Validators.Add(result =>
        {
            try
            {
                _ = new Admission.ServiceAddressAllocator(result.GetValueOrDefault<string>() ?? string.Empty, 0, 0, new Random(0));
            }
            catch (ArgumentException problem)
            {
                result.AddError($"--service-cluster-ip-range: {problem.Message}");
            }
        });
    }

    /// <summary>The root command; <paramref name="serve"/> runs the server with the parsed options until the token is cancelled.</summary>
    public static RootCommand Create(Func<KubeSimOptions, CancellationToken, Task<int>> serve)
    {
        var root = new RootCommand("KubeSim: a simulated Kubernetes API server on 127.0.0.1, for kubectl and the controller")
        {
            Port, Kubeconfig, Profile, Snapshot, WatchHistory, ServiceRange, PodReadyDelay, PodTerminationDelay, NoWorkloads, Http, NoToken, Token, Verbose,
        };
        root.SetAction((parse, stop) => serve(Options(parse), stop));

        var bench = new Command("bench", "measure the store and watch fan-out at scale") { BenchObjects, BenchWatchers, BenchChanges, BenchHttps };
        bench.SetAction(async (parse, _) =>
        {
            var options = new ScaleBenchmarkOptions
            {
                Objects = parse.GetValue(BenchObjects), Watchers = parse.GetValue(BenchWatchers),
                Changes = parse.GetValue(BenchChanges), Https = parse.GetValue(BenchHttps),
            };
            Console.WriteLine(await ScaleBenchmark.RunAsync(options, Console.Out));
            return 0;
        });
        root.Subcommands.Add(bench);
        return root;
    }

    /// <summary>Parses the server's arguments; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static KubeSimOptions Parse(IReadOnlyList<string> args)
    {
        var parse = Create((_, _) => Task.FromResult(0)).Parse(args);
        if (parse.Errors.Count > 0) throw new ArgumentException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        return Options(parse);
    }

    private static KubeSimOptions Options(ParseResult parse)
    {
        var workloads = parse.GetValue(NoWorkloads)
            ? Workloads.WorkloadOptions.None
            : new KubeSimOptions().Workloads with
            {
                PodReadyDelay = TimeSpan.FromMilliseconds(parse.GetValue(PodReadyDelay)),
                PodTerminationDelay = TimeSpan.FromMilliseconds(parse.GetValue(PodTerminationDelay)),
            };
        var options = new KubeSimOptions
        {
            Port = parse.GetValue(Port),
            KubeconfigPath = parse.GetValue(Kubeconfig)!,
            SnapshotPath = parse.GetValue(Snapshot),
            HistorySize = parse.GetValue(WatchHistory) is var history and > 0 ? history : throw new ArgumentException("--watch-history needs a number above 0"),
            UseHttps = !parse.GetValue(Http),
            RequireToken = !parse.GetValue(NoToken),
            Workloads = workloads,
            Registry = new RegistryOptions { ServiceCidr = parse.GetValue(ServiceRange)! },
        };
        if (parse.GetValue(Profile) is { } profile) options = options with { Profile = ClusterProfileFile.Load(profile) };
        if (parse.GetValue(Token) is { } token) options = options with { Token = token };
        if (parse.GetValue(Verbose)) options = options with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Information };
        return options;
    }

    private static Option<int> Milliseconds(string name, string description, int fallback)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "MS", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError($"{name} needs a non-negative number of milliseconds");
        });
        return option;
    }
}
