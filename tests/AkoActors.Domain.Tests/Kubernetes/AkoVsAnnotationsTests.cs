using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Domain.Tests.Kubernetes;

/// <summary>AKO's annotations for AMKO: the map as AKO's Go <c>json.Marshal</c> writes it, and AKO's rule for when a patch
/// is needed (map or tenant changed; the controller uuid alone never).</summary>
public sealed class AkoVsAnnotationsTests
{
    private static readonly AkoVsAnnotations Two = new(
        new[] { new HostVirtualService("shop.ako.example.com", "virtualservice-2"), new HostVirtualService("httpd1.ako.example.com", "virtualservice-1") }
            .ToEquatableArray(),
        "cluster-1", "admin");

    [Fact]
    public void The_host_map_is_written_with_sorted_keys_and_no_spaces_as_go_marshals_a_map() =>
        Assert.Equal("""{"httpd1.ako.example.com":"virtualservice-1","shop.ako.example.com":"virtualservice-2"}""", Two.HostMapJson());

    [Theory]
    [InlineData("""{"shop.ako.example.com":"virtualservice-2","httpd1.ako.example.com":"virtualservice-1"}""", "admin", "cluster-other", false)]
    [InlineData("""{ "httpd1.ako.example.com" : "virtualservice-1", "shop.ako.example.com":"virtualservice-2"}""", "admin", "cluster-1", false)]
    [InlineData("""{"httpd1.ako.example.com":"virtualservice-1"}""", "admin", "cluster-1", true)]
    [InlineData("""{"httpd1.ako.example.com":"virtualservice-1","shop.ako.example.com":"virtualservice-9"}""", "admin", "cluster-1", true)]
    [InlineData("""{"httpd1.ako.example.com":"virtualservice-1","shop.ako.example.com":"virtualservice-2"}""", "red", "cluster-1", true)]
    [InlineData("not json", "admin", "cluster-1", true)]
    public void A_patch_is_needed_when_the_map_or_the_tenant_differs_as_ako_decides(string map, string tenant, string clusterUuid, bool differs)
    {
        var current = new LabelSet(new Dictionary<string, string>
        {
            [AkoVsAnnotations.HostMapKey] = map, [AkoVsAnnotations.TenantKey] = tenant, [AkoVsAnnotations.ControllerClusterUuidKey] = clusterUuid, ["team"] = "web",
        });
        Assert.Equal(differs, Two.DiffersFrom(current));
    }

    [Fact]
    public void Removal_is_needed_only_while_any_of_the_three_is_there()
    {
        var removal = Two with { Hosts = EquatableArray<HostVirtualService>.Empty };
        Assert.True(removal.IsRemoval);
        Assert.False(removal.DiffersFrom(new LabelSet(new Dictionary<string, string> { ["team"] = "web" })));
        Assert.True(removal.DiffersFrom(new LabelSet(new Dictionary<string, string> { [AkoVsAnnotations.TenantKey] = "admin" })));
        Assert.True(removal.DiffersFrom(new LabelSet(new Dictionary<string, string> { [AkoVsAnnotations.HostMapKey] = "{}" })));
        Assert.True(Two.DiffersFrom(LabelSet.Empty));
    }
}
