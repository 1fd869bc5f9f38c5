using System.Globalization;
using AkoActors.KubeSim.Profiles;

namespace AkoActors.KubeSim.Hosting;

/// <summary>Turns the executable's arguments into <see cref="KubeSimOptions"/>.</summary>
public static class CommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: AkoActors.KubeSim [options]
          --port N              listen on 127.0.0.1:N (default 6443; 0 picks a free port)
          --kubeconfig PATH     write the kubeconfig here (default ./.state/kubesim/kubeconfig)
          --profile seed|empty|FILE  cluster to seed (default seed: the article's 3 masters + 3 workers)
          --snapshot PATH       restore the store from PATH at start and save it there at stop; the CA,
                                serving certificate and token are kept in PATH.identity.json across restarts
          --watch-history N     how many recent writes watches can resume from (default 100000); older
                                resourceVersions get 410 Expired, so clients relist
          --pod-ready-delay MS  how long new Pods stay ContainerCreating (default 200)
          --pod-termination-delay MS  how long deleted Pods stay Terminating (default 0)
          --no-workloads        run no simulated controllers (Deployments, Pods, Endpoints, GC)
          --http                plain HTTP instead of HTTPS (tests only)
          --no-token            accept requests without a bearer token
          --token TOKEN         use this bearer token instead of a random one
          --verbose             log requests handled by the server at Information level
        """;

    /// <summary>Parses arguments; throws <see cref="ArgumentException"/> with a readable message on a bad one.</summary>
    public static KubeSimOptions Parse(IReadOnlyList<string> args)
    {
        var options = new KubeSimOptions { Port = 6443, KubeconfigPath = Path.Combine(".state", "kubesim", "kubeconfig") };
        var workloads = options.Workloads;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{args[i - 1]} needs a number");
            switch (args[i])
            {
                case "--port":
                    options = options with { Port = Number() };
                    break;
                case "--kubeconfig":
                    options = options with { KubeconfigPath = Value() };
                    break;
                case "--profile":
                    options = options with { Profile = ClusterProfileFile.Load(Value()) };
                    break;
                case "--snapshot":
                    options = options with { SnapshotPath = Value() };
                    break;
                case "--watch-history":
                    options = options with { HistorySize = Number() is var history and > 0 ? history : throw new ArgumentException("--watch-history needs a number above 0") };
                    break;
                case "--pod-ready-delay":
                    workloads = workloads with { PodReadyDelay = TimeSpan.FromMilliseconds(Number()) };
                    break;
                case "--pod-termination-delay":
                    workloads = workloads with { PodTerminationDelay = TimeSpan.FromMilliseconds(Number()) };
                    break;
                case "--no-workloads":
                    workloads = Workloads.WorkloadOptions.None;
                    break;
                case "--http":
                    options = options with { UseHttps = false };
                    break;
                case "--no-token":
                    options = options with { RequireToken = false };
                    break;
                case "--token":
                    options = options with { Token = Value() };
                    break;
                case "--verbose":
                    options = options with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Information };
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return options with { Workloads = workloads };
    }
}
