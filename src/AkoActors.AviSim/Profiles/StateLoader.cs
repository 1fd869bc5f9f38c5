using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Profiles;

/// <summary>Puts a <c>/sim/state</c> dump (type → objects, as another run left its controller) back on an empty
/// controller with the same uuids, names and VIPs, so a test can start from what another controller (AKO, say) made.</summary>
/// <remarks>Objects go through the same write path as API input, referenced objects first. Reference cycles (cloud →
/// IPAM profile → network → cloud) are broken by creating one object without its unresolved references and completing
/// it with a PUT once the others exist. Fields the simulator derives (<c>url</c>, <c>_last_modified</c>, a VS's
/// <c>vip</c> and <c>vh_child_vs_uuid</c>) are recomputed, so stamps differ from the dump's.</remarks>
internal sealed class StateLoader(ObjectService objects)
{
    public void Apply(JsonObject state)
    {
        objects.Clear();
        var pending = new Dictionary<string, (AviObjectType Type, JsonObject Body, string Tenant)>(StringComparer.Ordinal);
        foreach (var (typeName, list) in state)
        {
            if (!ObjectTypeRegistry.TryGet(typeName, out var type))
            {
                throw AviRequestException.BadRequest($"state holds objects of type '{typeName}', which the simulator does not serve");
            }
            foreach (var item in list as JsonArray ?? throw AviRequestException.BadRequest($"state['{typeName}'] must be an array of objects"))
            {
                if (item is not JsonObject original || original["uuid"]?.GetValue<string>() is not { } uuid)
                {
                    throw AviRequestException.BadRequest($"every object in state['{typeName}'] needs a uuid");
                }
                var body = Clean(typeName, original);
                var tenant = ObjectRef.TryParse(body["tenant_ref"]?.GetValue<string>() ?? string.Empty, out var tenantRef) && tenantRef.Uuid is { } t
                    ? t
                    : TenantScope.AdminUuid;
                pending[uuid] = (type, body, tenant);
            }
        }
        // The admin tenant always exists; the simulator makes it.
        objects.Create(ObjectTypeRegistry.Get("tenant"), new JsonObject { ["name"] = "admin", ["local"] = true }, TenantScope.Admin, TenantScope.AdminUuid);
        pending.Remove(TenantScope.AdminUuid);

        var created = new HashSet<string>(StringComparer.Ordinal) { TenantScope.AdminUuid };
        var references = pending.ToDictionary(p => p.Key, p => ReferencedUuids(p.Value.Body).Where(pending.ContainsKey).ToHashSet(StringComparer.Ordinal));
        var incomplete = new Dictionary<string, (AviObjectType Type, JsonObject Body, string Tenant)>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            // One object at a time, infrastructure first, so a cycle member is completed before anything else uses it.
            var next = pending.Keys
                .Where(uuid => references[uuid].All(created.Contains))
                .OrderBy(uuid => Rank(pending[uuid].Type.Name)).ThenBy(uuid => uuid, StringComparer.Ordinal)
                .FirstOrDefault();
            var (type, body, tenant) = pending[next ?? BreakCycleAt()];
            if (next is null)
            {
                // A cycle: create one object without the references that cannot resolve yet, and complete it later.
                next = BreakCycleAt();
                Create(type, Strip(body, u => pending.ContainsKey(u) && u != next)!.AsObject(), tenant, next);
                incomplete[next] = pending[next];
            }
            else
            {
                Create(type, body, tenant, next);
            }
            created.Add(next);
            pending.Remove(next);
            foreach (var (uuid, (incompleteType, fullBody, incompleteTenant)) in incomplete.Where(i => references[i.Key].All(created.Contains)).ToList())
            {
                objects.Replace(incompleteType, uuid, (JsonObject)fullBody.DeepClone(), Scope(incompleteTenant));
                incomplete.Remove(uuid);
            }
        }

        string BreakCycleAt() => pending.Keys.OrderBy(uuid => Rank(pending[uuid].Type.Name)).ThenBy(uuid => uuid, StringComparer.Ordinal).First();
        objects.RefreshDns();
    }

    /// <summary>Controller infrastructure before the objects that use it (the order of a seed profile).</summary>
    private static int Rank(string typeName) => Array.IndexOf(InfrastructureOrder, typeName) is var i and >= 0 ? i : InfrastructureOrder.Length;

    private static readonly string[] InfrastructureOrder =
    [
        "tenant", "cloud", "vrfcontext", "network", "ipamdnsproviderprofile", "serviceenginegroup", "applicationprofile",
        "networkprofile", "healthmonitor", "analyticsprofile", "sslprofile", "pkiprofile", "stringgroup",
    ];

    private void Create(AviObjectType type, JsonObject body, string tenantUuid, string uuid) =>
        objects.Create(type, (JsonObject)body.DeepClone(), Scope(tenantUuid), uuid);

    private TenantScope Scope(string tenantUuid) =>
        tenantUuid == TenantScope.AdminUuid ? TenantScope.Admin : objects.ResolveTenant(null, tenantUuid);

    /// <summary>The object without what the simulator derives itself.</summary>
    private static JsonObject Clean(string typeName, JsonObject original)
    {
        var body = (JsonObject)original.DeepClone();
        foreach (var derived in new[] { "url", "uuid", "_last_modified", "vh_child_vs_uuid" }) body.Remove(derived);
        if (typeName == "virtualservice") body.Remove("vip");
        return body;
    }

    private static IEnumerable<string> ReferencedUuids(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(kv => ReferencedUuids(kv.Value)),
        JsonArray array => array.SelectMany(ReferencedUuids),
        JsonValue value when value.TryGetValue<string>(out var text) && text.Contains("/api/", StringComparison.Ordinal) &&
                             ObjectRef.TryParse(text, out var reference) && reference.Uuid is { } uuid => [uuid],
        _ => [],
    };

    /// <summary>A copy without the properties and array items that refer to an object not created yet.</summary>
    private static JsonNode? Strip(JsonNode? node, Func<string, bool> unresolved)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (ReferencedUuids(value).Any(unresolved) && value is JsonValue) continue;
                    copy[key] = Strip(value, unresolved);
                }
                return copy;
            case JsonArray array:
                return new JsonArray(array.Where(item => !(item is JsonValue && ReferencedUuids(item).Any(unresolved)))
                    .Select(item => Strip(item, unresolved)).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
