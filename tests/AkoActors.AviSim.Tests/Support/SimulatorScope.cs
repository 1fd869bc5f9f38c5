namespace AkoActors.AviSim.Tests.Support;

/// <summary>Starts a fresh simulator (default profile) and a logged-in client for one test.</summary>
public sealed class SimulatorScope : IAsyncDisposable
{
    private SimulatorScope(AviSimInstance sim, AviTestClient client)
    {
        Sim = sim;
        Client = client;
    }

    public AviSimInstance Sim { get; }

    public AviTestClient Client { get; }

    public static async Task<SimulatorScope> StartAsync(AviSimOptions? options = null)
    {
        var sim = await AviSimServer.StartAsync(options ?? new AviSimOptions { HttpsPort = null });
        var client = await AviTestClient.LoginAsync(sim);
        return new SimulatorScope(sim, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }
}
