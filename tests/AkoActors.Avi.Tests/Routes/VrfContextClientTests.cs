using System.Net;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Routes;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Routes;

namespace AkoActors.Avi.Tests.Routes;

/// <summary>The VRF client against the simulator's seeded global VRF: one GET to read, one PUT to write, 412 when stale.</summary>
public sealed class VrfContextClientTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AviCallContext Admin = new("admin", "static-routes");

    private static readonly OwnedRoute Node1 = new("c1-1", new PodRoute(IpCidr.Parse("10.244.3.0/24"), IPAddress.Parse("172.16.250.21")));

    [Fact]
    public async Task Routes_written_to_the_global_vrf_read_back_as_ours_with_a_new_stamp()
    {
        fixture.Sim.Simulator.Reset();
        var observer = new CountingObserver();
        var client = new VrfContextClient(new Rest.AviRestClient(fixture.Connect(observer)));

        var read = await client.ReadAsync("global", "Default-Cloud", Admin, CancellationToken.None);
        Assert.NotNull(read);
        var written = await client.WriteRoutesAsync(read, [Node1], "c1", Admin, CancellationToken.None);
        var again = await client.ReadAsync("global", "Default-Cloud", Admin, CancellationToken.None);

        Assert.NotEqual(read.LastModified, written.LastModified);
        Assert.Equal(written.LastModified, again!.LastModified);
        Assert.Equal([Node1.ToString()], again.OwnedBy("c1").Select(r => r.ToString()));
        Assert.Equal(2, observer.Count("GET vrfcontext"));
        Assert.Equal(1, observer.Count("PUT vrfcontext"));
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_as_stale_and_changes_nothing()
    {
        fixture.Sim.Simulator.Reset();
        var client = new VrfContextClient(new Rest.AviRestClient(fixture.Connect()));
        var read = (await client.ReadAsync("global", "Default-Cloud", Admin, CancellationToken.None))!;
        var foreign = new OwnedRoute("ops-1", new PodRoute(IpCidr.Parse("192.168.0.0/16"), IPAddress.Parse("10.0.0.1")));
        await client.WriteRoutesAsync(read, [foreign], "ops", Admin, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AviApiException>(() => client.WriteRoutesAsync(read, [Node1], "c1", Admin, CancellationToken.None));

        Assert.Equal(AviErrorKind.Stale, error.Error.Kind);
        var now = (await client.ReadAsync("global", "Default-Cloud", Admin, CancellationToken.None))!;
        Assert.Equal(["ops-1"], now.Routes.Select(r => r.RouteId));
    }

    [Fact]
    public async Task A_vrf_the_controller_does_not_have_reads_as_absent()
    {
        fixture.Sim.Simulator.Reset();
        var client = new VrfContextClient(new Rest.AviRestClient(fixture.Connect()));

        Assert.Null(await client.ReadAsync("no-such-vrf", "Default-Cloud", Admin, CancellationToken.None));
    }
}
