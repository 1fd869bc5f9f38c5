using AkoActors.Actors.Runtime;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Actors.Tests.TestData;

/// <summary>A replica's runtime for cluster "c1" with the seed's VIP network and DNS domain, ready unless told otherwise.</summary>
public static class TestRuntimes
{
    public static ControllerRuntime Ready(ShardVsSize shards = ShardVsSize.Small, Func<bool>? synced = null, TimeProvider? time = null)
    {
        var runtime = new ControllerRuntime(new AkoSettings
        {
            ClusterName = "c1",
            ShardVsSize = shards,
            VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
        }, "test") { ClusterStateSynced = synced ?? (() => true), Time = time ?? TimeProvider.System };
        runtime.SetEnvironment(new[] { "ako.example.com" }.ToEquatableArray(), "ENTERPRISE");
        return runtime;
    }
}
