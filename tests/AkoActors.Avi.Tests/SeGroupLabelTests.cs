using AkoActors.Avi.Environment;
using AkoActors.Avi.Errors;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Avi.Tests;

/// <summary>AKO labels the SE group <c>clustername=&lt;clusterName&gt;</c> so only this cluster's SEs take its static routes:
/// once, when the group has no labels; a group labelled for another cluster is refused with the fix named.</summary>
public sealed class SeGroupLabelTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    [Fact]
    public async Task An_unlabelled_se_group_is_labelled_once_and_the_licence_tier_is_read()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, _) = fixture.Gateway();

        var environment = await AviEnvironmentDiscovery.DiscoverAsync(rest, Settings, CancellationToken.None);
        await AviEnvironmentDiscovery.DiscoverAsync(rest, Settings, CancellationToken.None);

        var writes = fixture.Sim.Simulator.Audit.Since(0);
        var write = Assert.Single(writes);
        Assert.Equal(("PUT", "serviceenginegroup", "Default-Group"), (write.Method, write.ObjectType, write.Name));
        var labels = fixture.Sim.Simulator.FindObject("serviceenginegroup", "Default-Group")!["labels"]!.ToJsonString();
        Assert.Equal("""[{"key":"clustername","value":"c1"}]""", labels);
        Assert.Equal("ENTERPRISE", environment.LicenseTier);
    }

    [Fact]
    public async Task Nothing_is_labelled_without_static_routes_and_another_clusters_group_is_refused()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, _) = fixture.Gateway();

        await AviEnvironmentDiscovery.DiscoverAsync(rest, Settings with { DisableStaticRouteSync = true }, CancellationToken.None);
        Assert.Empty(fixture.Sim.Simulator.Audit.Since(0));

        await AviEnvironmentDiscovery.DiscoverAsync(rest, Settings with { ClusterName = "other" }, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<AviApiException>(() => AviEnvironmentDiscovery.DiscoverAsync(rest, Settings, CancellationToken.None));
        Assert.Contains("labelled [clustername=other], not clustername=c1", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("ControllerSettings.serviceEngineGroupName", refused.Error.Message, StringComparison.Ordinal);
    }
}
