using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>Who owns a shared-VIP group's objects: AKO marks its pools with the member's ServiceName and the group's
/// GatewayName; they belong to the group's owner, never to the member's own (which would delete them as leftovers).</summary>
public sealed class SharedVipClaimTests
{
    [Fact]
    public void A_pool_marked_with_a_gateway_name_is_claimed_by_the_group_not_by_the_service_it_names()
    {
        var meta = new AviObjectMeta("ako-c1", new[]
        {
            AviMarker.Of(AviMarker.ClusterNameKey, "c1"), AviMarker.Of(AviMarker.NamespaceKey, "default"), AviMarker.Of(AviMarker.ServiceNameKey, "web"),
            AviMarker.Of(AviMarker.PortKey, "80"), AviMarker.Of(AviMarker.ProtocolKey, "TCP"), AviMarker.Of(AviMarker.GatewayNameKey, "shared1"),
        }.ToEquatableArray(), null);

        var claim = AviClaim.Of(meta);

        Assert.Equal(AviClaim.ForService(ServiceKey.ForSharedVip("default", "shared1")), claim);
        Assert.NotEqual(AviClaim.ForService(new ServiceKey("default", "web")), claim);
    }

    [Fact]
    public void A_group_key_never_equals_a_service_key_and_round_trips_through_its_entity_id()
    {
        var group = ServiceKey.ForSharedVip("default", "web");

        Assert.NotEqual(new ServiceKey("default", "web"), group);
        Assert.Equal("web", group.SharedVipKey);
        Assert.Null(new ServiceKey("default", "web").SharedVipKey);
        Assert.Equal(group, EntityIds.Service(group.EntityId));
    }
}
