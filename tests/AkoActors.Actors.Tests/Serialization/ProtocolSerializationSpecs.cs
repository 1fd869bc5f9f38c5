using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Keys;
using Xunit;

namespace AkoActors.Actors.Tests.Serialization;

/// <summary>Every message that can cross between replicas survives the serializer the cluster uses, unchanged.</summary>
public sealed class ProtocolSerializationSpecs : TestKit
{
    public static TheoryData<object> CrossNodeMessages() =>
    [
        new ServiceProtocol.Reconcile(new ServiceKey("red", "web")),
        new ServiceProtocol.Resync(new ServiceKey("red", "web")),
        new ServiceProtocol.Observed(new ServiceKey("red", "web"),
            [new ObservedObject(new AviRef("pool", "c1--red-web-TCP-80"), "1700000000000001"), new ObservedObject(new AviRef("vsvip", "c1--red-web"), null)]),
        RouterProtocol.WakeAll.Instance,
        new IngressProtocol.Reconcile(new IngressKey("shop", "web")),
        new IngressProtocol.ShardStatus(new IngressKey("shop", "web"), "c1--Shared-L7-0", "172.16.251.4",
            new ShardVerdict(new[] { "a.example.com" }.ToEquatableArray(), new[] { new UserProblem("DuplicateHostPath", "x") }.ToEquatableArray()), "0a1b-7"),
        new SharedVsProtocol.Contribute(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressContribution(
            new IngressKey("shop", "web"), DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            new[]
            {
                new HostRoute("a.example.com",
                    new[] { new PathRoute("/api", false, "web:80", new[] { new PoolServer("10.244.3.2", 8080, true) }.ToEquatableArray()) }.ToEquatableArray(),
                    new TlsReference("web-tls", "ABCDEF")),
            }.ToEquatableArray()), "0a1b-8"),
        new SharedVsProtocol.Retract(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressKey("shop", "web")),
        new SharedVsProtocol.Resync(new ShardVsKey("admin", "c1--Shared-L7-0")),
        new SharedVsProtocol.Observed(new ShardVsKey("admin", "c1--Shared-L7-0"), [new ObservedObject(new AviRef("vsvip", "c1--Shared-L7-0"), "1")]),
    ];

    [Theory]
    [MemberData(nameof(CrossNodeMessages))]
    public void Round_trips_through_the_configured_serializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var back = serializer.FromBinary(bytes, message.GetType());

        Assert.Equal(message.GetType(), back.GetType());
        if (message is ServiceProtocol.Observed observed)
        {
            var copy = (ServiceProtocol.Observed)back;
            Assert.Equal(observed.Key, copy.Key);
            Assert.Equal(observed.Objects, copy.Objects);
        }
        else if (message is SharedVsProtocol.Observed shardObserved)
        {
            var copy = (SharedVsProtocol.Observed)back;
            Assert.Equal(shardObserved.Key, copy.Key);
            Assert.Equal(shardObserved.Objects, copy.Objects);
        }
        else if (message is not RouterProtocol.WakeAll)
        {
            Assert.Equal(message, back);
        }
    }

    [Fact]
    public void The_shard_of_a_service_is_the_same_in_every_process()
    {
        // MurmurHash of the entity id: a fixed value, unlike string.GetHashCode, which changes per process.
        var extractor = new ServiceMessageExtractor();
        var message = new ServiceProtocol.Reconcile(new ServiceKey("default", "nginx1"));
        var entityId = extractor.EntityId(message)!;

        Assert.Equal("svc/default/nginx1", entityId);
        Assert.Equal(GoldenShard, extractor.ShardId(entityId, message));
    }

    /// <summary>Computed once with Akka's MurmurHash; a different value means replicas of different builds would disagree.</summary>
    private const string GoldenShard = "42";
}
