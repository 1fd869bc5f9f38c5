namespace AkoActors.Simulation.Tests.Support;

/// <summary>The "no spurious writes" check the randomized runs end with: nothing changes in Kubernetes and nothing drifts
/// on the controller, so a relist after 410 Gone and fresh sessions after an expiry must write nothing.</summary>
internal static class QuietAfterFaults
{
    public static async Task NothingWrittenAcrossRelistAndSessionExpiryAsync(Simulation sim, TimeSpan bound)
    {
        var quiet = await sim.MarkAsync();
        var watchers = sim.Kube.Store.WatcherCount;
        await sim.KubeFaults.ExpireWatchesAsync(sim.Client);
        sim.AviFaults.ExpireSessions(419);
        await AkoActors.Testing.Eventually.HoldsAsync(() => Task.FromResult(sim.Kube.Store.WatcherCount >= watchers), "every informer to watch again", bound);
        await sim.ConvergedWithin(bound);
        await sim.Checker.AssertNoWritesSinceAsync(quiet);
    }
}
