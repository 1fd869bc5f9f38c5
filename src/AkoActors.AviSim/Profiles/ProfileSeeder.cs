using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Profiles;

/// <summary>Puts a profile's tenants and system objects on an empty controller through the same write path
/// clients use, so a profile is validated exactly like API input.</summary>
internal sealed class ProfileSeeder(ObjectService objects)
{
    public void Apply(SeedProfile profile)
    {
        objects.Clear();
        var tenantType = ObjectTypeRegistry.Get("tenant");
        objects.Create(tenantType, new JsonObject { ["name"] = "admin", ["local"] = true }, TenantScope.Admin, TenantScope.AdminUuid);
        foreach (var tenant in profile.Tenants.Distinct(StringComparer.Ordinal))
        {
            Run(profile, $"tenant {tenant}", () =>
                objects.Create(tenantType, new JsonObject { ["name"] = tenant, ["local"] = true }, TenantScope.Admin));
        }
        for (var i = 0; i < profile.Objects.Count; i++)
        {
            var seed = profile.Objects[i];
            Run(profile, $"objects[{i}] ({seed.Type} {seed.UpdateName ?? seed.Body["name"]?.ToString()})", () => Apply(seed));
        }
        objects.RefreshDns();
    }

    private void Apply(SeedObject seed)
    {
        if (!ObjectTypeRegistry.TryGet(seed.Type, out var type))
        {
            throw AviRequestException.BadRequest($"unknown object type '{seed.Type}'");
        }
        var scope = seed.Tenant is null ? TenantScope.Admin : objects.ResolveTenant(seed.Tenant, null);
        var body = (JsonObject)seed.Body.DeepClone();
        if (seed.UpdateName is null)
        {
            objects.Create(type, body, scope);
            return;
        }
        StoredObject existing;
        lock (objects.Store.Gate)
        {
            existing = objects.Store.FindByName(scope.TenantUuid!, type.Name, seed.UpdateName).FirstOrDefault()
                       ?? throw AviRequestException.BadRequest($"no {type.Name} named '{seed.UpdateName}' to update");
        }
        var merged = (JsonObject)existing.Document.DeepClone();
        merged.Remove("_last_modified");
        foreach (var key in body.Select(kv => kv.Key).ToList())
        {
            var value = body[key];
            body.Remove(key);
            merged[key] = value;
        }
        objects.Replace(type, existing.Uuid, merged, scope);
    }

    private static void Run(SeedProfile profile, string what, Action action)
    {
        try
        {
            action();
        }
        catch (AviRequestException ex)
        {
            throw new InvalidOperationException($"profile '{profile.Name}' {what}: {ex.Message}", ex);
        }
    }
}
