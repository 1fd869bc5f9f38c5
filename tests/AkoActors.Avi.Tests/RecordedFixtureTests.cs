using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Testing.Fixtures;

namespace AkoActors.Avi.Tests;

/// <summary>The codecs read responses recorded from real controllers (../shared/fixtures/avi) without losing the fields
/// this controller manages. The same shapes are stated inline below, so a clone without ../shared still tests them.</summary>
public sealed class RecordedFixtureTests
{
    [SkippableTheory]
    [InlineData("vsvip_mock.json", "vsvip")]
    [InlineData("pool_mock.json", "pool")]
    [InlineData("l4policyset_mock.json", "l4policyset")]
    [InlineData("virtualservice_mock.json", "virtualservice")]
    [InlineData("vsdatascriptset_mock.json", "vsdatascriptset")]
    [InlineData("poolgroup_mock.json", "poolgroup")]
    public void Every_recorded_object_of_a_managed_type_reads_without_loss(string file, string type)
    {
        var recorded = SharedFolder.LoadAviFixture(file);
        var objects = recorded["results"] is JsonArray results ? results.OfType<JsonObject>().ToList() : [recorded.AsObject()];
        var codec = AviSpecCodecs.For(type);

        foreach (var json in objects)
        {
            var spec = codec.Read(json);
            Assert.Equal(json["name"]!.GetValue<string>(), spec.Name);
            Assert.Equal(json["created_by"]?.GetValue<string>(), spec.Meta.CreatedBy);
            switch (spec)
            {
                case PoolSpec pool:
                    Assert.Equal(json["servers"] is JsonArray s ? s.Count : 0, pool.Servers.Count);
                    Assert.All(pool.Servers, server => Assert.True(server.Port > 0 && server.Ip.Length > 0));
                    break;
                case VsVipSpec vip:
                    Assert.Equal(json["vip"]![0]!["ip_address"]?["addr"]?.GetValue<string>(), vip.AllocatedIp);
                    Assert.Equal(json["dns_info"] is JsonArray d ? d.Count : 0, vip.Fqdns.Count);
                    break;
                case L4PolicySetSpec set:
                    Assert.Equal(json["l4_connection_policy"]?["rules"] is JsonArray r ? r.Count : 0, set.Rules.Count);
                    Assert.All(set.Rules, rule => Assert.True(rule.Port > 0 && rule.PoolName.Length > 0 && rule.Protocol is "TCP" or "UDP" or "SCTP"));
                    break;
                case VsDataScriptSetSpec script:
                    Assert.Equal(json["datascript"] is JsonArray ds ? ds.Count : 0, script.Scripts.Count);
                    Assert.All(script.Scripts, s => Assert.StartsWith("VS_DATASCRIPT_EVT_", s.Event, StringComparison.Ordinal));
                    break;
                case PoolGroupSpec group:
                    Assert.Equal(json["members"] is JsonArray m ? m.Count : 0, group.Members.Count);
                    break;
                case VirtualServiceSpec vs:
                    Assert.Equal(json["services"] is JsonArray v ? v.Count : 0, vs.Services.Count);
                    Assert.Equal(json["type"]?.GetValue<string>() ?? VirtualServiceSpec.Normal, vs.VsType);
                    break;
            }
        }
    }

    [Fact]
    public void Akos_shard_datascript_reads_with_its_pool_group_so_a_takeover_can_detach_and_delete_both_in_order()
    {
        // The shape AKO wrote for avi-cluster--Shared-L7-0 in ../shared/fixtures/ako-made (refs as read with include_name).
        var json = JsonNode.Parse("""
            {"url": "https://ctrl/api/vsdatascriptset/vsdatascriptset-1#avi-cluster--Shared-L7-0", "uuid": "vsdatascriptset-1",
             "name": "avi-cluster--Shared-L7-0", "tenant_ref": "https://ctrl/api/tenant/admin#admin", "created_by": "ako-avi-cluster",
             "datascript": [{"evt": "VS_DATASCRIPT_EVT_HTTP_REQ",
                             "script": "host = avi.http.get_host_tokens(\"MODIFIED\", 1)\navi.poolgroup.select(\"avi-cluster--Shared-L7-0\", string.lower(lbl) )"}],
             "markers": [{"key": "clustername", "values": ["avi-cluster"]}],
             "pool_group_refs": ["https://ctrl/api/poolgroup/poolgroup-1#avi-cluster--Shared-L7-0"],
             "string_group_refs": ["https://ctrl/api/stringgroup/stringgroup-1#hosts"],
             "_last_modified": "1796524457451280"}
            """)!.AsObject();

        var codec = AviSpecCodecs.For(AviObjectTypes.VsDataScriptSet);
        var script = (VsDataScriptSetSpec)codec.Read(json);

        Assert.Equal("VS_DATASCRIPT_EVT_HTTP_REQ", Assert.Single(script.Scripts).Event);
        Assert.Equal(["poolgroup/avi-cluster--Shared-L7-0", "stringgroup/hosts"], script.References.Select(r => r.ToString()));
        Assert.True(new AviOwnership("avi-cluster").Owns(script));
        Assert.False(AviSpecCodecs.Supports(AviObjectTypes.StringGroup));
        // Written back, the managed fields survive and everything else is carried over.
        var written = codec.Write(script, json);
        Assert.Equal(script, codec.Read(written));
        Assert.Equal("admin", AviRefs.NameOf(written["tenant_ref"]!.GetValue<string>()));
    }

    [Fact]
    public void A_vsvip_in_the_controllers_shape_reads_its_vip_network_subnet_and_fqdns()
    {
        var json = JsonNode.Parse("""
            {"url": "https://ctrl/api/vsvip/vsvip-1#c1--red-web", "uuid": "vsvip-1", "name": "c1--red-web", "_last_modified": "1596710012412593",
             "tenant_ref": "https://ctrl/api/tenant/admin#admin", "cloud_ref": "https://ctrl/api/cloud/cloud-1#Default-Cloud",
             "vrf_context_ref": "https://ctrl/api/vrfcontext/vrfcontext-1#global",
             "vip": [{"vip_id": "0", "enabled": true, "auto_allocate_ip": true, "prefix_length": 32,
                      "ip_address": {"addr": "172.16.251.4", "type": "V4"},
                      "ipam_network_subnet": {"network_ref": "https://ctrl/api/network/network-1#alb-vip",
                                              "subnet": {"ip_addr": {"addr": "172.16.251.0", "type": "V4"}, "mask": 24}},
                      "discovered_networks": [{"network_ref": "https://ctrl/api/network/network-1#alb-vip"}]}],
             "dns_info": [{"fqdn": "nginx1.ako.example.com", "ttl": 30, "type": "DNS_RECORD_A"}],
             "markers": [{"key": "clustername", "values": ["c1"]}]}
            """)!.AsObject();

        var vip = (VsVipSpec)new VsVipCodec().Read(json);

        Assert.Equal(("alb-vip", "172.16.251.0/24", "172.16.251.4"), (vip.NetworkName, vip.SubnetCidr, vip.AllocatedIp));
        Assert.Equal(["nginx1.ako.example.com"], vip.Fqdns);
        Assert.Equal(("Default-Cloud", "global"), (vip.CloudName, vip.VrfName));
        Assert.True(new AviOwnership("c1").Owns(vip));
    }

    [Fact]
    public void A_pool_in_the_controllers_shape_reads_servers_sorted_with_enabled_defaulting_to_true()
    {
        var json = JsonNode.Parse("""
            {"name": "c1--red-web-TCP-80", "uuid": "pool-1", "created_by": "ako-c1",
             "servers": [{"ip": {"addr": "10.244.4.2", "type": "V4"}, "port": 8080, "ratio": 1},
                         {"ip": {"addr": "10.244.3.7", "type": "V4"}, "port": 8080, "enabled": false}],
             "health_monitor_refs": ["https://ctrl/api/healthmonitor/healthmonitor-1#System-TCP"],
             "cloud_ref": "https://ctrl/api/cloud/cloud-1#Default-Cloud", "vrf_ref": "https://ctrl/api/vrfcontext/vrfcontext-1#global"}
            """)!.AsObject();

        var pool = (PoolSpec)new PoolCodec().Read(json);

        Assert.Equal(["10.244.3.7:8080 (disabled)", "10.244.4.2:8080"], pool.Servers.Select(s => s.ToString()));
        Assert.Equal(["System-TCP"], pool.HealthMonitors);
    }

    [Fact]
    public void An_l4_policy_set_in_the_controllers_shape_reads_port_protocol_and_pool_per_rule()
    {
        var json = JsonNode.Parse("""
            {"name": "c1--red-web", "created_by": "ako-c1", "l4_connection_policy": {"rules": [
              {"index": 1, "name": "r2", "match": {"port": {"match_criteria": "IS_IN", "ports": [443]},
                                                   "protocol": {"match_criteria": "IS_IN", "protocol": "PROTOCOL_TCP"}},
               "action": {"select_pool": {"action_type": "L4_RULE_ACTION_SELECT_POOL", "pool_ref": "https://ctrl/api/pool/pool-2#c1--red-web-TCP-443"}}},
              {"index": 0, "name": "r1", "match": {"port": {"match_criteria": "IS_IN", "ports": [53]},
                                                   "protocol": {"match_criteria": "IS_IN", "protocol": "PROTOCOL_UDP"}},
               "action": {"select_pool": {"action_type": "L4_RULE_ACTION_SELECT_POOL", "pool_ref": "https://ctrl/api/pool/pool-1#c1--red-web-UDP-53"}}}]}}
            """)!.AsObject();

        var set = (L4PolicySetSpec)new L4PolicySetCodec().Read(json);

        Assert.Equal([new L4PoolRule(53, "UDP", "c1--red-web-UDP-53"), new L4PoolRule(443, "TCP", "c1--red-web-TCP-443")], set.Rules);
    }
}
