using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Profiles;

/// <summary>Puts a <c>/sim/state</c> dump (type → objects, as another run left its controller) back on an empty
/// controller with the same uuids, names and VIPs, so a test can start from what another controller (AKO, say) made.</summary>
/// <remarks>Objects go through the same write path as API input, referenced objects first, in an order found in time
/// linear in objects and references (the ready objects in a priority queue, each object counting its references not
/// created yet), where picking the next object by scanning every pending one made a large dump quadratic. Reference cycles (cloud →
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

        // Kahn's order, linear in objects + references: each object counts the referenced objects not created yet, and is
        // ready at zero. Of the ready objects the lowest (rank, uuid) goes first, infrastructure before what uses it.
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var referrers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ready = new PriorityQueue<string, (int Rank, string Uuid)>(OrderOfCreation);
        var waiting = new SortedSet<(int Rank, string Uuid)>(OrderOfCreation);
        foreach (var (uuid, (type, body, _)) in pending)
        {
            var references = ReferencedUuids(body).Where(pending.ContainsKey).ToHashSet(StringComparer.Ordinal);
            missing[uuid] = references.Count;
            foreach (var target in references)
            {
                if (!referrers.TryGetValue(target, out var list)) referrers[target] = list = [];
                list.Add(uuid);
            }
            var key = (Rank(type.Name), uuid);
            if (references.Count == 0) ready.Enqueue(uuid, key);
            else waiting.Add(key);
        }
        var notCreated = pending.Keys.ToHashSet(StringComparer.Ordinal);
        var incomplete = new HashSet<string>(StringComparer.Ordinal);
        while (ready.Count > 0 || waiting.Count > 0)
        {
            if (!ready.TryDequeue(out var next, out _))
            {
                // A cycle: create the first waiting object without the references that cannot resolve yet, and complete
                // it with a PUT once they exist.
                next = waiting.Min.Uuid;
                waiting.Remove(waiting.Min);
                var (cycleType, cycleBody, cycleTenant) = pending[next];
                Create(cycleType, Strip(cycleBody, u => notCreated.Contains(u) && u != next)!.AsObject(), cycleTenant, next);
                incomplete.Add(next);
            }
            else
            {
                var (type, body, tenant) = pending[next];
                Create(type, body, tenant, next);
            }
            notCreated.Remove(next);
            foreach (var referrer in referrers.GetValueOrDefault(next) ?? [])
            {
                if (--missing[referrer] > 0) continue;
                if (incomplete.Remove(referrer))
                {
                    var (incompleteType, fullBody, incompleteTenant) = pending[referrer];
                    objects.Replace(incompleteType, referrer, (JsonObject)fullBody.DeepClone(), Scope(incompleteTenant));
                }
                else
                {
                    var key = (Rank(pending[referrer].Type.Name), referrer);
                    waiting.Remove(key);
                    ready.Enqueue(referrer, key);
                }
            }
        }
        objects.RefreshDns();
    }

    private static readonly Comparer<(int Rank, string Uuid)> OrderOfCreation = Comparer<(int Rank, string Uuid)>.Create((a, b) =>
        a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : string.CompareOrdinal(a.Uuid, b.Uuid));

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
        // Re-read from text, as API input is: an in-process dump may hold CLR values (an int port) the validator reads as JSON.
        var body = JsonNode.Parse(original.ToJsonString())!.AsObject();
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
