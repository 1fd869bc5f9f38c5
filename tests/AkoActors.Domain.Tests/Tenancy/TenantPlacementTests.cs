using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Tenancy;

namespace AkoActors.Domain.Tests.Tenancy;

/// <summary>AKO 1.13: the namespace's <c>ako.vmware.com/tenant-name</c> names the Avi tenant; missing or empty means
/// ControllerSettings.tenantName.</summary>
public class TenantPlacementTests
{
    private static readonly AkoSettings Settings = new() { ClusterName = "c1", TenantName = "platform" };

    [Theory]
    [InlineData("team-a", "team-a")]
    [InlineData(" team-a ", "team-a")]
    [InlineData("", "platform")]
    [InlineData("   ", "platform")]
    [InlineData(null, "platform")]
    public void The_annotation_names_the_tenant_and_missing_or_empty_means_tenant_name(string? annotation, string expected) =>
        Assert.Equal(expected, TenantPlacement.TenantOf(new NamespaceSnapshot("red", LabelSet.Empty, annotation), Settings));

    [Fact]
    public void A_namespace_not_known_yet_is_in_tenant_name() => Assert.Equal("platform", TenantPlacement.TenantOf(null, Settings));
}
