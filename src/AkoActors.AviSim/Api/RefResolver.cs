using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Turns every ref in a request body — full URL, <c>/api/type/uuid</c> or <c>?name=</c> — into the
/// canonical stored form, looking names up in the object's tenant first and then among admin's shared
/// objects, and refuses refs that point nowhere, at the wrong type, or into another tenant.</summary>
internal sealed class RefResolver(ObjectStore store)
{
    /// <summary>Resolves the body in place (call under the store gate). <paramref name="ownerType"/> decides
    /// the poolgroup special case: a missing member pool is a 404, as the controller answers it.</summary>
    public void ResolveAll(JsonObject body, AviObjectType ownerType, string tenantUuid)
    {
        Walk(body, "", ownerType, tenantUuid);
    }

    /// <summary>Resolves one ref text (used for <c>tenant_ref</c> and by the seeder).</summary>
    public StoredObject Resolve(string text, string? expectedType, string tenantUuid, string path, AviObjectType? ownerType = null)
    {
        if (!ObjectRef.TryParse(text, out var parsed))
        {
            throw AviRequestException.BadRequest($"Invalid ref '{text}' in field '{path}'");
        }
        if (!ObjectTypeRegistry.TryGet(parsed.TypeName, out var refType))
        {
            throw AviRequestException.BadRequest($"Invalid ref '{text}' in field '{path}': unknown object type '{parsed.TypeName}'");
        }
        if (expectedType is not null && refType.Name != expectedType)
        {
            throw AviRequestException.BadRequest(
                $"Field '{path}' must refer to a {ObjectTypeRegistry.Get(expectedType).DisplayName}, not '{text}'");
        }
        var found = Lookup(refType, parsed, tenantUuid);
        if (found is not null)
        {
            return found;
        }
        if (ownerType?.Name == "poolgroup" && refType.Name == "pool")
        {
            throw AviRequestException.NotFound(refType);
        }
        throw AviRequestException.BadRequest($"{refType.DisplayName} object not found (ref '{text}' in field '{path}')");
    }

    /// <summary>Within the object's tenant, else admin's shared system objects (clouds, networks, SE groups,
    /// VRFs, profiles, certificates...); another tenant's objects and admin's private ones (pools, VSes...)
    /// stay invisible, so a ref to them is "not found" exactly like a ref to nothing.</summary>
    private StoredObject? Lookup(AviObjectType refType, ObjectRef parsed, string tenantUuid)
    {
        if (parsed.Uuid is not null)
        {
            return store.TryGet(parsed.Uuid, out var byUuid) && byUuid.Type == refType &&
                   (refType.IsTenant || byUuid.TenantUuid == tenantUuid || IsShared(refType, byUuid.TenantUuid))
                ? byUuid
                : null;
        }
        if (refType.IsTenant)
        {
            return store.FindByName(TenantScope.AdminUuid, "tenant", parsed.Name!).FirstOrDefault();
        }
        var own = store.FindByName(tenantUuid, refType.Name, parsed.Name!).FirstOrDefault();
        return own ?? (IsShared(refType, TenantScope.AdminUuid) && tenantUuid != TenantScope.AdminUuid
            ? store.FindByName(TenantScope.AdminUuid, refType.Name, parsed.Name!).FirstOrDefault()
            : null);
    }

    private static bool IsShared(AviObjectType refType, string ownerTenantUuid) =>
        refType.SharedFromAdmin && ownerTenantUuid == TenantScope.AdminUuid;

    private void Walk(JsonNode? node, string path, AviObjectType ownerType, string tenantUuid)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    var childPath = JsonPath.Property(path, key);
                    var value = obj[key];
                    if (key is "tenant_ref" || !RefFields.IsRefField(key) || value is null)
                    {
                        Walk(value, childPath, ownerType, tenantUuid);
                        continue;
                    }
                    var expected = RefFields.ExpectedType(key);
                    if (value is JsonArray refs)
                    {
                        for (var i = 0; i < refs.Count; i++)
                        {
                            var canonical = Canonicalise(refs[i]!.GetValue<string>(), expected, tenantUuid, JsonPath.Index(childPath, i), ownerType);
                            if (canonical is not null)
                            {
                                refs[i] = canonical;
                            }
                        }
                    }
                    else
                    {
                        var canonical = Canonicalise(value.GetValue<string>(), expected, tenantUuid, childPath, ownerType);
                        if (canonical is not null)
                        {
                            obj[key] = canonical;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], JsonPath.Index(path, i), ownerType, tenantUuid);
                }
                break;
        }
    }

    /// <summary>Null means "leave as sent": a ref-named field the simulator does not model that points at a
    /// type it does not serve is kept verbatim, like any other unknown field.</summary>
    private string? Canonicalise(string text, string? expected, string tenantUuid, string path, AviObjectType ownerType)
    {
        // An empty ref means "none": AKO sends error_page_profile_ref "" on every VS it writes, and the controller takes it.
        if (text.Length == 0) return null;
        if (expected is null &&
            (!ObjectRef.TryParse(text, out var parsed) || !ObjectTypeRegistry.TryGet(parsed.TypeName, out _)))
        {
            return null;
        }
        var target = Resolve(text, expected, tenantUuid, path, ownerType);
        return ObjectRef.Canonical(target.Type.Name, target.Uuid);
    }
}
