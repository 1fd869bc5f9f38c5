using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>The SNI child fields a HostRule sets: written as Avi refs by name, read back by name, removed when the HostRule
/// goes, and never touched on a VS whose spec does not manage them.</summary>
public class VirtualHostFieldsTests
{
    private static readonly VirtualHostSettings Full = new(false, "avi-ssl", "waf", "analytics", "errors", new[] { "icap" }.ToEquatableArray(), "nsp",
        new VirtualHostAnalyticsPolicy(true, 50, 0, true));

    [Fact]
    public void Written_fields_read_back_as_the_same_settings()
    {
        var json = new JsonObject();
        VirtualHostFields.Write(json, Full);

        Assert.Equal("/api/wafpolicy/?name=waf", json["waf_policy_ref"]!.GetValue<string>());
        Assert.Equal("/api/icapprofile/?name=icap", json["icap_profile_refs"]![0]!.GetValue<string>());
        Assert.Equal(50, json["analytics_policy"]!["full_client_logs"]!["throttle"]!.GetValue<int>());
        Assert.Equal(Full, VirtualHostFields.Read(json));
    }

    [Fact]
    public void The_defaults_remove_every_field_a_hostrule_had_set_and_enable_the_vs()
    {
        var json = new JsonObject();
        VirtualHostFields.Write(json, Full);
        VirtualHostFields.Write(json, VirtualHostSettings.Default);

        Assert.Equal(["enabled"], json.Select(p => p.Key));
        Assert.True(json["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_analytics_profile_a_controller_fills_in_reads_as_none()
    {
        // A controller gives every VS System-Analytics-Profile when none is written, and shows it when the VS is read back:
        // read as a set profile, an SNI child without a HostRule would be rewritten on every pass.
        var json = new JsonObject { ["enabled"] = true, ["analytics_profile_ref"] = "https://ctrl/api/analyticsprofile/analyticsprofile-8b57#System-Analytics-Profile" };

        Assert.Equal(VirtualHostSettings.Default, VirtualHostFields.Read(json));
    }

    [Fact]
    public void A_vs_that_does_not_manage_them_keeps_what_the_controller_has()
    {
        var codec = new VirtualServiceCodec();
        var parent = new VirtualServiceSpec("c1--Shared-L7-0", VirtualServiceSpec.VhParent, EquatableArray<VsServicePort>.Empty, "c1--Shared-L7-0",
            "System-HTTP", "System-TCP-Proxy", new AviPlacement("Default-Cloud", "global", "Default-Group"), new AviObjectMeta("ako-c1", EquatableArray<AviMarker>.Empty, null));
        var existing = new JsonObject { ["name"] = parent.Name, ["waf_policy_ref"] = "https://ctrl/api/wafpolicy/wafpolicy-1#hand-set", ["enabled"] = false };

        var written = codec.Write(parent, existing);

        Assert.Equal("https://ctrl/api/wafpolicy/wafpolicy-1#hand-set", written["waf_policy_ref"]!.GetValue<string>());
        Assert.False(written["enabled"]!.GetValue<bool>());
        Assert.Null(((VirtualServiceSpec)codec.Read(written)).VirtualHost);
    }
}
