using Microsoft.Extensions.Hosting;

namespace AkoActors.AviSim.Hosting;

/// <summary>A host lifetime that does not hook Ctrl-C or SIGTERM: several simulators may run inside one test
/// process, and whoever started one decides when it stops.</summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
