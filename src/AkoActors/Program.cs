using System.CommandLine;
using AkoActors.Configuration;
using AkoActors.Hosting;

// ako-actors: a Kubernetes load-balancer and ingress controller for the Avi Load Balancer.
//   ako-actors [run] [options]   one replica against a cluster and a controller (`run` is the default command)
// The demo with both simulators is a separate executable (src/AkoActors.Demo), so this binary carries neither.
var root = new RootCommand("ako-actors: a Kubernetes load-balancer and ingress controller for the Avi Load Balancer");
RunCommand.AddOptions(root);
root.SetAction((parse, stop) => RunReplicaAsync(RunCommand.Options(parse, Environment.GetEnvironmentVariable), stop));
root.Subcommands.Add(RunCommand.Create(RunReplicaAsync, Environment.GetEnvironmentVariable));

try
{
    // System.CommandLine cancels the token on Ctrl-C and SIGTERM; the replica then leaves its cluster and hands its shards
    // over, which may take as long as the host's shutdown timeout, so the process is not ended sooner.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = ControllerHost.ShutdownTimeout,
    });
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or k8s.Exceptions.KubeConfigException)
{
    await Console.Error.WriteLineAsync($"ako-actors: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    return 130;
}

static async Task<int> RunReplicaAsync(ControllerHostOptions options, CancellationToken stop)
{
    await using var host = ControllerHost.Build(options);
    try
    {
        await host.StartAsync(stop);
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        // The actor system may already run (its hosted service starts first): stopped here, or its threads would keep a
        // process without health endpoints alive forever instead of letting Kubernetes restart it.
        Console.Error.WriteLine($"ako-actors replica {options.ReplicaId}: could not start ({e.GetBaseException().Message}); exiting with 1");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await host.StopAsync(deadline.Token);
        }
        catch (Exception stopping) when (stopping is OperationCanceledException or AggregateException or InvalidOperationException)
        {
            Console.Error.WriteLine($"ako-actors replica {options.ReplicaId}: stopping after the failed start: {stopping.Message}");
        }
        return 1;
    }
    Console.WriteLine($"ako-actors replica {options.ReplicaId} running; health and metrics at {ControllerHost.HttpAddress(host)}");
    var ended = await ReplicaLifetime.WaitAsync(host, stop);
    if (ended is not null)
    {
        Console.Error.WriteLine($"ako-actors replica {options.ReplicaId}: the actor system ended (this replica was downed or removed from its cluster); exiting with {ended} so it restarts as a new member");
    }
    // Leaves the Akka cluster and hands shards over before exiting (nothing left to hand over once downed).
    await host.StopAsync(CancellationToken.None);
    return ended ?? 0;
}
