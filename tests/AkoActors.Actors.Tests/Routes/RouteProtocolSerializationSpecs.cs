using Akka.TestKit.Xunit2;
using AkoActors.Actors.Routes;
using AkoActors.Domain.Keys;
using Xunit;

namespace AkoActors.Actors.Tests.Routes;

/// <summary>Every static-route message that can cross between replicas survives the cluster's serializer, and both extractors
/// place an entity in the same shard in every process.</summary>
public sealed class RouteProtocolSerializationSpecs : TestKit
{
    private static readonly VrfKey Global = new("admin", "global");

    public static TheoryData<object> CrossNodeMessages() =>
    [
        new NodeRouteProtocol.Reconcile(new NodeKey("avi-node1")),
        new VrfProtocol.NodeReport(Global, new NodeKey("avi-node1"), true,
            [new VrfProtocol.ReportedRoute("10.244.3.0/24", "172.16.250.21"), new VrfProtocol.ReportedRoute("fd00:10:244:3::/64", "fd00::21")],
            new DateTimeOffset(2021, 3, 1, 8, 30, 0, TimeSpan.Zero)),
        new VrfProtocol.NodeReport(Global, new NodeKey("gone"), false, [], null),
        new VrfProtocol.Reconcile(Global),
        new VrfProtocol.Resync(Global),
        VrfProtocol.Stop.Instance,
        NodeRouteProtocol.Stop.Instance,
    ];

    [Theory]
    [MemberData(nameof(CrossNodeMessages))]
    public void Round_trips_through_the_configured_serializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var back = serializer.FromBinary(serializer.ToBinary(message), message.GetType());

        Assert.Equal(message.GetType(), back.GetType());
        switch (message)
        {
            case VrfProtocol.NodeReport report:
                var copy = (VrfProtocol.NodeReport)back;
                Assert.Equal((report.Key, report.Node, report.Exists, report.NodeCreated), (copy.Key, copy.Node, copy.Exists, copy.NodeCreated));
                Assert.Equal(report.Routes, copy.Routes);
                break;
            case VrfProtocol.Stop or NodeRouteProtocol.Stop:
                break;
            default:
                Assert.Equal(message, back);
                break;
        }
    }

    [Fact]
    public void The_shards_of_a_node_and_of_the_vrf_are_the_same_in_every_process()
    {
        // MurmurHash of the entity id: fixed values, unlike string.GetHashCode, which changes per process.
        var nodes = new NodeRouteMessageExtractor();
        var vrfs = new VrfMessageExtractor();
        var nodeMessage = new NodeRouteProtocol.Reconcile(new NodeKey("avi-node1"));
        var vrfMessage = new VrfProtocol.Reconcile(Global);

        Assert.Equal("node/avi-node1", nodes.EntityId(nodeMessage));
        Assert.Equal("vrf/admin/global", vrfs.EntityId(vrfMessage));
        Assert.Equal((GoldenNodeShard, GoldenVrfShard), (nodes.ShardId("node/avi-node1", nodeMessage), vrfs.ShardId("vrf/admin/global", vrfMessage)));
    }

    /// <summary>Computed once with Akka's MurmurHash; a different value means replicas of different builds would disagree.</summary>
    private const string GoldenNodeShard = "43";

    private const string GoldenVrfShard = "3";
}
