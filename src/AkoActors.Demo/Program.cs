using System.CommandLine;
using AkoActors.Demo;

// AkoActors.Demo: the seed article on one machine (KubeSim + AviSim + one controller replica). `--help` lists the options.
return await DemoCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration
{
    // Ctrl-C cancels the demo's token; the replica then leaves its cluster before the simulators stop.
    ProcessTerminationTimeout = AkoActors.Hosting.ControllerHost.ShutdownTimeout,
});
