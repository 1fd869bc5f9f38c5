using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Testing.Fixtures;

namespace AkoActors.Avi.Tests;

/// <summary>Going back to AKO: an object of AKO's that this controller changes no longer carries AKO's checksum, so AKO,
/// started again, finds it changed and rewrites its own shape (AKO skips a PUT only when its computed checksum, a
/// non-negative decimal, equals the stored one). Shapes relied on, from ../shared/fixtures/ako-made/avi-state.json:
/// the objects of type virtualservice, vsvip, pool, poolgroup and httppolicyset AKO wrote, each with its checksum field.</summary>
public sealed class AkoRollbackTests
{
    [SkippableTheory]
    [InlineData("virtualservice", "avi-cluster--shop-dns", "cloud_config_cksum")]
    [InlineData("vsvip", "avi-cluster--shop-dns", "vsvip_cloud_config_cksum")]
    [InlineData("pool", "avi-cluster--shop-dns-UDP-53", "cloud_config_cksum")]
    [InlineData("poolgroup", "avi-cluster--Shared-L7-0", "cloud_config_cksum")]
    [InlineData("httppolicyset", "avi-cluster--Shared-L7-0", "cloud_config_cksum")]
    public void An_akos_object_changed_here_carries_a_checksum_ako_never_computes_and_keeps_every_other_field(string type, string name, string field)
    {
        var recorded = Recorded(type, name);
        var akos = recorded[field]!.GetValue<string>();
        Assert.True(uint.TryParse(akos, out _), $"AKO's {field} on {type} {name} is '{akos}', expected its uint32 decimal");
        var codec = AviSpecCodecs.For(type);

        var written = codec.Write(Changed(codec.Read(recorded)), recorded);

        var ours = written[field]!.GetValue<string>();
        Assert.Equal(AkoChecksum.NotAkos, ours);
        Assert.False(uint.TryParse(ours, out _), "a checksum AKO could compute would let it keep our shape");
        // Nothing else of AKO's is lost: every field this controller does not manage is carried over unchanged.
        foreach (var (property, value) in recorded)
        {
            if (property == field || property is "vip" or "vh_child_vs_uuid" || IsManaged(property)) continue;
            Assert.True(JsonNode.DeepEquals(value, written[property]), $"{type}.{property} changed on write");
        }
    }

    [Theory]
    [InlineData("virtualservice", "cloud_config_cksum")]
    [InlineData("vsvip", "vsvip_cloud_config_cksum")]
    [InlineData("pool", "cloud_config_cksum")]
    [InlineData("poolgroup", "cloud_config_cksum")]
    [InlineData("httppolicyset", "cloud_config_cksum")]
    public void An_object_created_here_carries_the_checksum_field_so_akos_cache_does_not_drop_it_as_incomplete(string type, string field)
    {
        // AKO's cache skips a pool, pool group, HTTP policy set or VS without the field, then POSTs it into a 409 loop.
        var codec = AviSpecCodecs.For(type);
        var minimal = new JsonObject { ["name"] = "c1--red-web", ["markers"] = new JsonArray() };
        var written = codec.Write(codec.Read(minimal), null);
        Assert.Equal(AkoChecksum.NotAkos, written[field]?.GetValue<string>());
    }

    private static JsonObject Recorded(string type, string name) =>
        SharedFolder.LoadAkoMadeAviState()[type]!.AsArray().OfType<JsonObject>().Single(o => o["name"]!.GetValue<string>() == name);

    /// <summary>The same object with one managed field changed, as a takeover would change it.</summary>
    private static AviObjectSpec Changed(AviObjectSpec spec) => spec switch
    {
        PoolSpec pool => pool with { Servers = EquatableArray<PoolServer>.Empty },
        VirtualServiceSpec vs => vs with { NetworkProfile = "System-TCP-Fast-Path" },
        VsVipSpec vip => vip with { Fqdns = new[] { "other.ako.example.com" }.ToEquatableArray() },
        PoolGroupSpec group => group with { Members = group.Members.Take(1).ToEquatableArray() },
        HttpPolicySetSpec set => set with { Rules = EquatableArray<HttpPolicyRule>.Empty },
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, null),
    };

    private static bool IsManaged(string property) => property is
        "name" or "servers" or "health_monitor_refs" or "cloud_ref" or "vrf_ref" or "vrf_context_ref" or "markers" or "created_by" or
        "service_metadata" or "members" or "http_request_policy" or "services" or "network_profile_ref" or "application_profile_ref" or
        "se_group_ref" or "vsvip_ref" or "l4_policies" or "http_policies" or "vs_datascripts" or "type" or "dns_info" or "vip" or
        "enabled" or "traffic_enabled";
}
