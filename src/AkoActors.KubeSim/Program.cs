using System.CommandLine;
using AkoActors.KubeSim.Hosting;

// KubeSim executable: serves a simulated cluster on 127.0.0.1 until Ctrl-C or SIGTERM (System.CommandLine cancels the
// token on both, so the server stops through its normal path: close watches, stop listening, save the snapshot).
try
{
    return await KubeSimCommand.Create(ServeAsync).Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException)
{
    await Console.Error.WriteLineAsync($"kubesim: {e.Message}");
    return 2;
}

static async Task<int> ServeAsync(KubeSimOptions options, CancellationToken stop)
{
    KubeSimServer server;
    try
    {
        server = await KubeSimServer.StartAsync(options, stop);
    }
    catch (IOException e)
    {
        await Console.Error.WriteLineAsync($"KubeSim could not listen on 127.0.0.1:{options.Port}: {e.Message}");
        await Console.Error.WriteLineAsync("Is another KubeSim running? Use --port 0 to pick a free port.");
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
    try
    {
        await Task.Delay(Timeout.Infinite, stop);
    }
    catch (OperationCanceledException)
    {
    }
    Console.WriteLine("KubeSim stopping.");
    // Stops through the normal path (close watches, stop listening, save the snapshot) instead of dying mid-write.
    await server.DisposeAsync();
    if (server.SnapshotError is { } snapshotError)
    {
        await Console.Error.WriteLineAsync(snapshotError);
        return 1;
    }
    return 0;
}
