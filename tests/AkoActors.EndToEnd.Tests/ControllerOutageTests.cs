using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Faults;
using AkoActors.Hosting;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The controller goes away and comes back: the replica says it is not ready and why, keeps retrying with
/// backoff, and applies what changed meanwhile without a restart.</summary>
public sealed class ControllerOutageTests : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_controller_outage_makes_the_replica_not_ready_and_changes_made_meanwhile_land_when_it_returns()
    {
        using var http = new HttpClient { BaseAddress = new Uri(ControllerHost.HttpAddress(_world.Replicas[0].Host)!) };
        (await _world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers() == 1), "one server in the pool");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        _world.Avi.Simulator.Faults.Down = ControllerDownMode.ConnectionRefused;
        (await _world.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=3")).EnsureSuccess();

        var report = await Eventually.GetAsync(async () =>
        {
            var response = await http.GetAsync("/readyz");
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && text.Contains("unreachable", StringComparison.Ordinal) ? text : null;
        }, "/readyz to report the controller unreachable", TimeSpan.FromSeconds(30));
        Assert.Contains("requests in a row failed", report, StringComparison.Ordinal);
        Assert.Equal(1, Servers());

        _world.Avi.Simulator.Faults.Down = ControllerDownMode.Up;

        await Eventually.HoldsAsync(() => Task.FromResult(Servers() == 3), "the three servers once the controller is back", TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready again");
    }

    private int Servers() =>
        _world.AviObject("pool", "avi-cluster--default-web-TCP-80")?["servers"] is JsonArray servers ? servers.Count : -1;
}
