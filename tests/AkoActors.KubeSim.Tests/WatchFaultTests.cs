using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Tests;

/// <summary>The faults a simulation injects into the API server: client watch streams dropped (in-process controllers kept),
/// and a compacted history that answers a resume with 410 Gone.</summary>
public class WatchFaultTests
{
    [Fact]
    public async Task Closing_client_watches_ends_their_streams_and_keeps_in_process_subscriptions()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, UseHttps = false });
        using var inProcess = sim.Server.Store.Subscribe(null, null, _ => true, capacity: 0);
        var url = $"{sim.Server.Url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={sim.Server.Store.ResourceVersion}";
        using var response = await sim.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await AkoActors.Testing.Eventually.HoldsAsync(() => Task.FromResult(sim.Server.Store.WatcherCount == 2), "the HTTP watch to be registered");

        Assert.Equal(1, sim.Server.Store.CloseWatches(s => s.Storage is not null));

        using var reader = new StreamReader(stream);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Null(await reader.ReadLineAsync(deadline.Token)); // the stream ended
        Assert.Equal(1, sim.Server.Store.WatcherCount);
        Assert.False(inProcess.Events.Completion.IsCompleted);
    }

    [Fact]
    public async Task After_a_compaction_a_watch_resuming_from_an_earlier_version_gets_410_Gone()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, UseHttps = false });
        var (code, _) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"a\"}}");
        Assert.Equal(201, code);
        var before = sim.Server.Store.ResourceVersion - 1;

        sim.Server.Store.CompactHistory();

        var body = await sim.Http.GetStringAsync($"{sim.Server.Url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={before}");
        Assert.Contains("\"ERROR\"", body);
        Assert.Contains("\"code\":410", body);
    }
}
