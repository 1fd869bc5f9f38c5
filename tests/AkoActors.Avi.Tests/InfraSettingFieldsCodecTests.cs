using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>The wire form of what an AviInfraSetting adds to a vsvip and a VS: <c>vip[].auto_allocate_floating_ip</c> written
/// when asked for and written back false once it is not (a vip that never had it stays without it, as AKO leaves it out), the
/// controller's <c>floating_ip</c> read back; <c>services[].enable_http2</c> written only when on, read back either way.</summary>
public class InfraSettingFieldsCodecTests
{
    private static readonly VsVipSpec Vip = new("c1--default-web", "alb-vip", "172.16.251.0/24", null, EquatableArray<string>.Empty,
        "Default-Cloud", "global", AviObjectMeta.None);

    private static JsonObject Held(bool? floating, string? floatingIp) => new()
    {
        ["name"] = "c1--default-web",
        ["vip"] = new JsonArray(new JsonObject
        {
            ["vip_id"] = "0",
            ["auto_allocate_ip"] = true,
            ["auto_allocate_floating_ip"] = floating,
            ["ip_address"] = new JsonObject { ["addr"] = "172.16.251.1", ["type"] = "V4" },
            ["floating_ip"] = floatingIp is null ? null : new JsonObject { ["addr"] = floatingIp, ["type"] = "V4" },
        }),
    };

    [Fact]
    public void The_floating_ip_flag_is_written_when_asked_and_written_back_false_once_not()
    {
        var codec = new VsVipCodec();

        Assert.True(codec.Write(Vip with { AutoAllocateFloatingIp = true }, null)["vip"]![0]!["auto_allocate_floating_ip"]!.GetValue<bool>());
        Assert.False(codec.Write(Vip, Held(true, "198.51.100.1"))["vip"]![0]!["auto_allocate_floating_ip"]!.GetValue<bool>());
        Assert.False(((JsonObject)codec.Write(Vip, null)["vip"]![0]!).ContainsKey("auto_allocate_floating_ip"));
    }

    [Fact]
    public void The_controllers_floating_ip_is_read_back_and_is_the_address_shown()
    {
        var read = (VsVipSpec)new VsVipCodec().Read(Held(true, "198.51.100.1"));

        Assert.True(read.AutoAllocateFloatingIp);
        Assert.Equal(("172.16.251.1", "198.51.100.1", "198.51.100.1"), (read.AllocatedIp, read.FloatingIp, read.ShownAddress));
        Assert.Equal("198.51.100.1", read.Vips.Single().ShownAddress);
        var without = (VsVipSpec)new VsVipCodec().Read(Held(false, null));
        Assert.Equal((false, "172.16.251.1"), (without.AutoAllocateFloatingIp, without.ShownAddress));
    }

    [Fact]
    public void Http2_is_written_only_on_the_ports_that_have_it_and_read_back()
    {
        var vs = new VirtualServiceSpec("c1--Shared-L7-edge-0", VirtualServiceSpec.VhParent,
            new[] { new VsServicePort(80), new VsServicePort(443, EnableSsl: true, EnableHttp2: true) }.ToEquatableArray(), "c1--Shared-L7-edge-0",
            "System-Secure-HTTP", "System-TCP-Proxy", new AviPlacement("Default-Cloud", "global", "Default-Group"), AviObjectMeta.None);
        var codec = new VirtualServiceCodec();

        var json = codec.Write(vs, null);

        Assert.False(((JsonObject)json["services"]![0]!).ContainsKey("enable_http2"));
        Assert.True(json["services"]![1]!["enable_http2"]!.GetValue<bool>());
        Assert.Equal(vs.Services, ((VirtualServiceSpec)codec.Read(json)).Services);
    }
}
