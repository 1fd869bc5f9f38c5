using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Virtual service rules: fields the server owns (<c>vip</c> copied from the vsvip,
/// <c>vh_child_vs_uuid</c>, <c>ipam_dns_records</c>) are never taken from a body, and an SNI child must
/// name a parent of type VS_TYPE_VH_PARENT.</summary>
internal sealed class VirtualServiceRules(ObjectStore store) : ObjectRules
{
    public const string Parent = "VS_TYPE_VH_PARENT";
    public const string Child = "VS_TYPE_VH_CHILD";

    public override string TypeName => "virtualservice";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        document.Remove("vh_child_vs_uuid");
        document.Remove("ipam_dns_records");
        if (document["vsvip_ref"] is not null)
        {
            document.Remove("vip");
        }
        else if (document["vip"] is null && document["type"]?.GetValue<string>() != Child)
        {
            throw AviRequestException.BadRequest("A virtualservice needs a vsvip_ref (or an inline vip)");
        }
        document["type"] ??= "VS_TYPE_NORMAL";
        var type = document["type"]!.GetValue<string>();
        if (type is not ("VS_TYPE_NORMAL" or Parent or Child))
        {
            throw AviRequestException.BadRequest($"Invalid virtualservice type '{type}' (VS_TYPE_NORMAL, {Parent} or {Child})");
        }
        if (type == Child)
        {
            if (document["vh_parent_vs_ref"] is not JsonValue parentRef)
            {
                throw AviRequestException.BadRequest($"A {Child} virtualservice needs vh_parent_vs_ref");
            }
            var parentUuid = ObjectRef.UuidOfCanonical(parentRef.GetValue<string>());
            if (parentUuid == context.Uuid || !store.TryGet(parentUuid, out var parent) ||
                parent.Document["type"]?.GetValue<string>() != Parent)
            {
                throw AviRequestException.BadRequest($"vh_parent_vs_ref must point at a {Parent} virtualservice");
            }
        }
        if (context.Previous?.Document["type"]?.GetValue<string>() == Parent && type != Parent &&
            ChildrenOf(context.Uuid).Any())
        {
            throw AviRequestException.BadRequest("Cannot change the type of a parent virtualservice that still has children");
        }
        CheckPerformanceLimits(document);
        document["enabled"] ??= true;
        document["traffic_enabled"] ??= true;
        document["services"] ??= new JsonArray();
        FillServiceDefaults((JsonArray)document["services"]!);
    }

    /// <summary>As the controller's PerformanceLimits model: both limits are non-negative integers.</summary>
    private static void CheckPerformanceLimits(JsonObject document)
    {
        if (document["performance_limits"] is not JsonObject limits)
        {
            return;
        }
        foreach (var field in new[] { "max_concurrent_connections", "max_throughput" })
        {
            if (limits[field] is { } value && (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var number) || number < 0))
            {
                throw AviRequestException.BadRequest($"Field 'performance_limits.{field}' must be a non-negative integer, got {value.ToJsonString()}");
            }
        }
    }

    /// <summary>Each service needs a port (its range checked with the body); it gets <c>enable_ssl</c> and <c>port_range_end</c> (= port) as the controller
    /// fills them (<c>enable_http2</c> is held when given, absent meaning off, as the controller shows it), and a flag that is
    /// not a boolean is refused.</summary>
    private static void FillServiceDefaults(JsonArray services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i] is not JsonObject service || service["port"] is null)
            {
                throw AviRequestException.BadRequest($"Field 'services[{i}]' must be an object with a port");
            }
            foreach (var flag in (string[])["enable_ssl", "enable_http2"])
            {
                if (service[flag] is { } value && value.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                {
                    throw AviRequestException.BadRequest($"Field 'services[{i}].{flag}' must be a boolean");
                }
            }
            service["enable_ssl"] ??= false;
            service["port_range_end"] ??= service["port"]!.DeepClone();
        }
    }

    /// <summary>The SNI children of a parent VS, oldest first.</summary>
    public IEnumerable<StoredObject> ChildrenOf(string parentUuid) =>
        store.ReferrersOf(parentUuid)
            .Select(uuid => store.TryGet(uuid, out var child) ? child : null)
            .OfType<StoredObject>()
            .Where(child => child.Type.Name == TypeName &&
                            child.Document["vh_parent_vs_ref"] is JsonValue v &&
                            ObjectRef.UuidOfCanonical(v.GetValue<string>()) == parentUuid)
            .OrderBy(child => child.Sequence);
}
