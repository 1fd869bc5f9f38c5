using AkoActors.KubeSim.Hosting;

if (args is ["bench", ..])
{
    var bench = new AkoActors.KubeSim.Benchmarks.ScaleBenchmarkOptions();
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        bench = args[i] switch
        {
            "--objects" => bench with { Objects = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
            "--watchers" => bench with { Watchers = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
            "--changes" => bench with { Changes = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
            "--https" => bench with { Https = args[i + 1] != "false" },
            _ => throw new ArgumentException($"unknown bench option {args[i]}"),
        };
    }
    Console.WriteLine(await AkoActors.KubeSim.Benchmarks.ScaleBenchmark.RunAsync(bench, Console.Out));
    return 0;
}

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

KubeSimOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(System.Runtime.InteropServices.PosixSignalContext context)
{
    // Stop through the normal path (close watches, stop listening, save the snapshot) instead of dying mid-write.
    context.Cancel = true;
    stop.TrySetResult();
}
using var onInterrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, RequestStop);
using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, RequestStop);

KubeSimServer server;
try
{
    server = await KubeSimServer.StartAsync(options);
}
catch (IOException e)
{
    Console.Error.WriteLine($"KubeSim could not listen on 127.0.0.1:{options.Port}: {e.Message}");
    Console.Error.WriteLine("Is another KubeSim running? Use --port 0 to pick a free port.");
    return 1;
}
var kubeconfig = Path.GetFullPath(server.KubeconfigPath);
Console.WriteLine($"KubeSim is serving the Kubernetes API at {server.Url} ({server.Store.Count} objects seeded).");
Console.WriteLine($"Kubeconfig: {kubeconfig}");
Console.WriteLine();
Console.WriteLine("Point kubectl at it:");
Console.WriteLine($"  kubectl --kubeconfig {kubeconfig} get nodes");
Console.WriteLine($"  export KUBECONFIG={kubeconfig}");
Console.WriteLine();
Console.WriteLine("Press Ctrl-C to stop.");
await stop.Task;
Console.WriteLine("KubeSim stopping.");
await server.DisposeAsync();
if (server.SnapshotError is { } snapshotError)
{
    Console.Error.WriteLine(snapshotError);
    return 1;
}
return 0;
