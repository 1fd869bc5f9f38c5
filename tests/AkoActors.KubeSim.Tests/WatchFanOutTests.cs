using AkoActors.Testing;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Http;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Tests;

/// <summary>Many watchers over HTTP: each gets every event in order, and one that stops reading is cut off without holding up the rest.</summary>
public class WatchFanOutTests
{
    [Fact]
    public async Task Fifty_concurrent_watches_each_receive_every_event_in_order()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, UseHttps = false });
        var start = sim.Server.Store.ResourceVersion;
        const int watchers = 50;
        const int changes = 200;
        var streams = new List<Task<List<long>>>();
        for (var i = 0; i < watchers; i++)
        {
            streams.Add(ReadVersionsAsync(sim, start, changes));
        }
        await Eventually.HoldsAsync(() => Task.FromResult(sim.Server.Store.WatcherCount >= watchers), "all watches to be registered");

        for (var i = 0; i < changes; i++)
        {
            var (code, _) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $"{{\"metadata\":{{\"name\":\"c{i}\"}}}}");
            Assert.Equal(201, code);
        }
        var results = await Task.WhenAll(streams);

        var expected = Enumerable.Range(1, changes).Select(i => start + i).ToList();
        Assert.All(results, versions => Assert.Equal(expected, versions));
    }

    [Fact]
    public async Task A_watcher_that_stops_reading_is_closed_without_holding_up_writers_or_other_watchers()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, UseHttps = false, Watch = new WatchOptions { QueueCapacity = 10 } });
        var start = sim.Server.Store.ResourceVersion;
        var configMaps = sim.Server.Resource("v1", "ConfigMap");
        const int changes = 400;
        using var stalled = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={start}");
        using var stalledResponse = await sim.Http.SendAsync(stalled, HttpCompletionOption.ResponseHeadersRead);
        using var seen = new SemaphoreSlim(0);
        var reading = ReadVersionsAsync(sim, start, changes, seen);
        await Eventually.HoldsAsync(() => Task.FromResult(sim.Server.Store.WatcherCount == 2), "both watches to be registered");

        // Large objects fill the stalled client's socket buffers quickly, so its queue in KubeSim fills up; the
        // writer stays at most 5 events ahead of the reading watcher, whose queue therefore never fills.
        var payload = new string('x', 200_000);
        for (var i = 0; i < changes; i++)
        {
            if (i >= 5)
            {
                Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(20)), $"the reading watch stalled at event {i - 5}");
            }
            sim.Server.Registry.Create(configMaps, "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"c{i}" }, ["data"] = new JsonObject { ["blob"] = payload } });
        }

        await Eventually.HoldsAsync(() => Task.FromResult(sim.Server.Store.WatcherCount == 1), "the stalled watch to be closed");
        Assert.Equal(Enumerable.Range(1, changes).Select(i => start + i), await reading);
    }

    private static async Task<List<long>> ReadVersionsAsync(SimulatorScope sim, long from, int count, SemaphoreSlim? seen = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={from}&timeoutSeconds=60");
        using var response = await sim.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var versions = new List<long>();
        while (versions.Count < count && await reader.ReadLineAsync() is { } line)
        {
            var e = JsonNode.Parse(line)!;
            Assert.Equal("ADDED", (string?)e["type"]);
            versions.Add(long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture));
            seen?.Release();
        }
        return versions;
    }
}
