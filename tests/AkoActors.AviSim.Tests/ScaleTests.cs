using System.Net;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class ScaleTests
{
    [Fact]
    public async Task Fifty_thousand_objects_are_held_and_filtered_lists_return_exactly_the_matches()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        const int total = 50_000;
        const int writers = 32;
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var owner = i % 100 == 0 ? "ako-rare" : $"ako-c{i % 7}";
                var response = await client.PostAsync("/api/pool", Bodies.Pool($"pool-{i:D5}", owner, $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}"));
                if (response.Status != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        Assert.Equal(0, failures);
        Assert.Equal(total, (await client.GetAsync("/api/pool?page_size=1")).Object["count"]!.GetValue<int>());
        var rare = await client.GetAsync("/api/pool?created_by=ako-rare&page_size=1000");
        Assert.Equal(total / 100, rare.Object["count"]!.GetValue<int>());
        Assert.All(rare.Object["results"]!.AsArray(), p => Assert.Equal("ako-rare", p!["created_by"]!.GetValue<string>()));
        var byName = await client.GetAsync("/api/pool?name=pool-31337");
        Assert.Equal(1, byName.Object["count"]!.GetValue<int>());
        var c3 = Enumerable.Range(0, total).Count(i => i % 100 != 0 && i % 7 == 3);
        var pages = (c3 + 99) / 100;
        var lastPage = await client.GetAsync($"/api/pool?created_by=ako-c3&page_size=100&page={pages}");
        Assert.Equal(c3, lastPage.Object["count"]!.GetValue<int>());
        Assert.Equal(c3 - ((pages - 1) * 100), lastPage.Object["results"]!.AsArray().Count);
        Assert.False(lastPage.Object.ContainsKey("next"));
    }
}
