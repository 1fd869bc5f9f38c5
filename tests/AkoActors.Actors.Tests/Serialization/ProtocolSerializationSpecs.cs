using Akka.Configuration;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Routes;
using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Serialization;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Domain.Keys;
using Xunit;

namespace AkoActors.Actors.Tests.Serialization;

/// <summary>Every message that can cross between replicas is written by the cross-replica serializer the production
/// configuration registers, under its stable manifest, and comes back unchanged.</summary>
public sealed class ProtocolSerializationSpecs()
    : TestKit(ConfigurationFactory.ParseString("""
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        """).WithFallback(HoconFiles.Load(HoconFiles.Controller)))
{
    public static TheoryData<string> Manifests() => new(CrossReplicaMessages.ByManifest.Keys);

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Round_trips_through_the_production_serializer_under_its_manifest(string manifest)
    {
        var message = CrossReplicaMessages.ByManifest[manifest];

        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<CrossReplicaSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));
        Assert.True(CrossReplicaMessages.SameContent(message, back), $"{manifest} came back as {back}");
    }

    [Fact]
    public void Every_marked_message_has_exactly_one_wire_name_and_a_sample()
    {
        var marked = typeof(ICrossReplicaMessage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICrossReplicaMessage).IsAssignableFrom(t))
            .ToHashSet();

        Assert.Equal(marked.OrderBy(t => t.FullName), CrossReplicaManifests.Types.OrderBy(t => t.FullName));
        Assert.Equal(marked.OrderBy(t => t.FullName), CrossReplicaMessages.ByManifest.Values.Select(m => m.GetType()).OrderBy(t => t.FullName));
    }

    [Fact]
    public void Every_message_a_shard_region_routes_is_marked_for_the_wire()
    {
        // What a region routes may be delivered to an entity on another replica; replies between entities go through regions too.
        Type[] routed =
        [
            typeof(ServiceProtocol.IServiceMessage), typeof(IngressProtocol.IIngressMessage), typeof(SharedVsProtocol.ISharedVsMessage),
            typeof(NodeRouteProtocol.INodeRouteMessage), typeof(VrfProtocol.IVrfMessage), typeof(RuleResourceProtocol.IRuleResourceMessage),
        ];
        var unmarked = typeof(ICrossReplicaMessage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && routed.Any(r => r.IsAssignableFrom(t)) && !typeof(ICrossReplicaMessage).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unmarked);
    }

    [Fact]
    public void A_manifest_the_replica_does_not_know_fails_with_a_message_naming_it()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(ServiceProtocol.Reconcile));

        var error = Assert.Throws<ArgumentException>(() => serializer.FromBinary("{}"u8.ToArray(), "svc-something-newer"));

        Assert.Contains("svc-something-newer", error.Message);
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
