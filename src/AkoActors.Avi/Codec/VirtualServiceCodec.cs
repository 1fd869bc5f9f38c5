using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>virtualservice: L4, shared L7 parent or SNI child, with every reference written by name.</summary>
public sealed class VirtualServiceCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.VirtualService;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var vs = (VirtualServiceSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        // Server-filled: the controller recomputes them from the vsvip and the children.
        json.Remove("vip");
        json.Remove("vh_child_vs_uuid");
        json["name"] = vs.Name;
        json["type"] = vs.VsType;
        // Only on create: an operator who disables a VS on the controller keeps it disabled across our updates.
        if (!json.ContainsKey("enabled")) json["enabled"] = true;
        if (!json.ContainsKey("traffic_enabled")) json["traffic_enabled"] = true;
        json["services"] = new JsonArray(vs.Services
            .Select(s =>
            {
                var service = new JsonObject { ["port"] = s.Port, ["enable_ssl"] = s.EnableSsl };
                // Only when on: a service entry written without it is the controller's default (off).
                if (s.EnableHttp2) service["enable_http2"] = true;
                if (s.OverrideNetworkProfile is not null)
                {
                    service["override_network_profile_ref"] = AviRefs.ByName(AviObjectTypes.NetworkProfile, s.OverrideNetworkProfile);
                }
                return (JsonNode?)service;
            })
            .ToArray());
        JsonWrite.Ref(json, "vsvip_ref", AviObjectTypes.VsVip, vs.VsVipName);
        JsonWrite.Ref(json, "application_profile_ref", AviObjectTypes.ApplicationProfile, vs.ApplicationProfile);
        JsonWrite.Ref(json, "network_profile_ref", AviObjectTypes.NetworkProfile, vs.NetworkProfile);
        JsonWrite.Ref(json, "se_group_ref", AviObjectTypes.ServiceEngineGroup, vs.Placement.ServiceEngineGroupName);
        JsonWrite.Ref(json, "cloud_ref", AviObjectTypes.Cloud, vs.Placement.CloudName);
        // On an AviInfraSetting's tier-1 router AKO leaves the VRF out: the controller takes the router's.
        JsonWrite.Ref(json, "vrf_context_ref", AviObjectTypes.VrfContext, vs.Placement.VrfName.Length == 0 ? null : vs.Placement.VrfName);
        JsonWrite.Ref(json, "pool_ref", AviObjectTypes.Pool, vs.PoolName);
        JsonWrite.Ref(json, "pool_group_ref", AviObjectTypes.PoolGroup, vs.PoolGroupName);
        JsonWrite.Ref(json, "vh_parent_vs_ref", AviObjectTypes.VirtualService, vs.ParentVsName);
        JsonWrite.Set(json, "l4_policies", Indexed(vs.L4PolicySets, "l4_policy_set_ref", AviObjectTypes.L4PolicySet));
        JsonWrite.Set(json, "http_policies", Indexed(vs.HttpPolicySets, "http_policy_set_ref", AviObjectTypes.HttpPolicySet));
        JsonWrite.Set(json, "vs_datascripts", Indexed(vs.DataScriptSets, "vs_datascript_set_ref", AviObjectTypes.VsDataScriptSet));
        JsonWrite.Set(json, "ssl_key_and_certificate_refs",
            vs.SslCertificates.IsEmpty ? null : JsonWrite.Refs(AviObjectTypes.SslKeyAndCertificate, vs.SslCertificates));
        JsonWrite.Set(json, "vh_domain_name",
            vs.DomainNames.IsEmpty ? null : new JsonArray(vs.DomainNames.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()));
        if (vs.VirtualHost is { } host) VirtualHostFields.Write(json, host);
        if (vs.L4Rule is { } l4Rule) L4VirtualServiceFields.Write(json, l4Rule);
        JsonWrite.Set(json, "enable_rhi", vs.EnableRhi == true ? JsonValue.Create(true) : null);
        JsonWrite.Meta(json, vs.Meta);
        AkoChecksum.MarkWritten(json);
        return json;
    }

    public AviObjectSpec Read(JsonObject json)
    {
        var services = JsonRead.Objects(json["services"])
            .Select(s => new VsServicePort(
                JsonRead.Int(s["port"]) ?? 0,
                JsonRead.Bool(s["enable_ssl"]) ?? false,
                AviRefs.NameOf(JsonRead.String(s, "override_network_profile_ref")),
                JsonRead.Bool(s["enable_http2"]) ?? false));
        return new VirtualServiceSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.String(json, "type") ?? VirtualServiceSpec.Normal,
            services.ToEquatableArray(),
            AviRefs.NameOf(JsonRead.String(json, "vsvip_ref")),
            JsonRead.RefName(json, "application_profile_ref"),
            JsonRead.RefName(json, "network_profile_ref"),
            new AviPlacement(JsonRead.RefName(json, "cloud_ref"), JsonRead.RefName(json, "vrf_context_ref"), JsonRead.RefName(json, "se_group_ref")),
            JsonRead.Meta(json))
        {
            PoolName = AviRefs.NameOf(JsonRead.String(json, "pool_ref")),
            PoolGroupName = AviRefs.NameOf(JsonRead.String(json, "pool_group_ref")),
            ParentVsName = AviRefs.NameOf(JsonRead.String(json, "vh_parent_vs_ref")),
            L4PolicySets = IndexedNames(json["l4_policies"], "l4_policy_set_ref"),
            HttpPolicySets = IndexedNames(json["http_policies"], "http_policy_set_ref"),
            DataScriptSets = IndexedNames(json["vs_datascripts"], "vs_datascript_set_ref"),
            SslCertificates = JsonRead.Strings(json["ssl_key_and_certificate_refs"]).Select(r => AviRefs.NameOf(r) ?? r).ToEquatableArray(),
            DomainNames = JsonRead.Strings(json["vh_domain_name"]).ToEquatableArray(),
            EnableRhi = JsonRead.Bool(json["enable_rhi"]) == true ? true : null,
            // Only SNI children have their per-host fields managed (HostRule); other VSes keep whatever is set there.
            VirtualHost = JsonRead.String(json, "type") == VirtualServiceSpec.VhChild ? VirtualHostFields.Read(json) : null,
            // An L4 VS (one with L4 policies) has its L4Rule fields managed; others keep whatever is set there.
            L4Rule = JsonRead.Objects(json["l4_policies"]).Any() ? L4VirtualServiceFields.Read(json) : null,
        };
    }

    private static JsonArray? Indexed(EquatableArray<string> names, string refProperty, string type) =>
        names.IsEmpty
            ? null
            : new JsonArray(names.Select((name, index) => (JsonNode?)new JsonObject
            {
                ["index"] = index,
                [refProperty] = AviRefs.ByName(type, name),
            }).ToArray());

    private static EquatableArray<string> IndexedNames(JsonNode? node, string refProperty) =>
        JsonRead.Objects(node)
            .OrderBy(o => JsonRead.Int(o["index"]) ?? 0)
            .Select(o => AviRefs.NameOf(JsonRead.String(o, refProperty)))
            .OfType<string>()
            .ToEquatableArray();
}
