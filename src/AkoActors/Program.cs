using System.Runtime.InteropServices;
using AkoActors.Configuration;
using AkoActors.Demo;
using AkoActors.Hosting;

// ako-actors: a Kubernetes load-balancer and ingress controller for the Avi Load Balancer.
//   ako-actors run  [options]   one replica against a cluster and a controller (the default verb)
//   ako-actors demo [options]   the seed article on one machine, simulators included
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

if (args is ["help", ..] || args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(RunCommand.Usage);
    Console.WriteLine(DemoCommand.Usage);
    return 0;
}

try
{
    var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
    switch (verb)
    {
        case "demo":
            return await DemoCommand.RunAsync(CommandArguments.Parse(args, DemoCommand.Flags), stop.Token);
        case "run":
            var options = RunCommand.Options(CommandArguments.Parse(args, RunCommand.Flags), Environment.GetEnvironmentVariable);
            await using (var host = ControllerHost.Build(options))
            {
                await host.StartAsync(stop.Token);
                Console.WriteLine($"ako-actors replica {options.ReplicaId} running; health and metrics at {ControllerHost.HttpAddress(host)}");
                var ended = await ReplicaLifetime.WaitAsync(host, stop.Token);
                if (ended is not null)
                {
                    Console.Error.WriteLine($"ako-actors replica {options.ReplicaId}: the actor system ended (this replica was downed or removed from its cluster); exiting with {ended} so it restarts as a new member");
                }
                // Leaves the Akka cluster and hands shards over before exiting (nothing left to hand over once downed).
                await host.StopAsync(CancellationToken.None);
                return ended ?? 0;
            }
        default:
            await Console.Error.WriteLineAsync($"unknown command '{verb}'\n\n{RunCommand.Usage}\n{DemoCommand.Usage}");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException or k8s.Exceptions.KubeConfigException)
{
    await Console.Error.WriteLineAsync($"ako-actors: {e.Message}");
    return 2;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
