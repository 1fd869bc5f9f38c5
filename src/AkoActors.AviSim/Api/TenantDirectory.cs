using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>The controller's tenant rules that are not about one object's body: which tenant a request acts in,
/// which tenants its user may use, and when a tenant may go. Call under the store gate.</summary>
internal sealed class TenantDirectory(ObjectStore store)
{
    /// <summary>An unknown tenant is refused first, then a tenant the user has no role in is a 403;
    /// <c>*</c> (reads only) covers every tenant the user may use.</summary>
    public TenantScope Resolve(string? tenantName, string? tenantUuid, AviSimUser? user)
    {
        var usable = UsableTenants(user);
        if (tenantName == "*" && string.IsNullOrEmpty(tenantUuid))
        {
            return TenantScope.AllTenants with { UsableTenantUuids = usable };
        }
        StoredObject tenant;
        if (!string.IsNullOrEmpty(tenantUuid))
        {
            tenant = store.TryGet(tenantUuid, out var byUuid) && byUuid.Type.IsTenant
                ? byUuid
                : throw AviRequestException.BadRequest($"Tenant with uuid '{tenantUuid}' does not exist");
        }
        else
        {
            var name = string.IsNullOrEmpty(tenantName) ? "admin" : tenantName;
            tenant = store.FindByName(TenantScope.AdminUuid, "tenant", name).FirstOrDefault()
                     ?? throw AviRequestException.BadRequest($"Tenant '{name}' does not exist");
        }
        if (usable is not null && !usable.Contains(tenant.Uuid))
        {
            throw PermissionDenied();
        }
        return new TenantScope(tenant.Uuid, tenant.Name) { UsableTenantUuids = usable };
    }

    /// <summary>A tenant goes only when it is empty (its objects' <c>tenant_ref</c> still refer to it, so the
    /// refusal lists them like any other referrer), and never <c>admin</c>.</summary>
    public void CheckCanBeDeleted(StoredObject tenant)
    {
        if (tenant.Uuid == TenantScope.AdminUuid)
        {
            throw AviRequestException.BadRequest("Cannot delete the admin tenant");
        }
        var members = store.All
            .Where(o => !o.Type.IsTenant && o.TenantUuid == tenant.Uuid)
            .Select(o => $"'{o.Type.DisplayName}:{o.Name}'")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (members.Count > 0)
        {
            throw AviRequestException.BadRequest($"Cannot delete, object is referred by: [{string.Join(", ", members)}]");
        }
    }

    /// <summary>The controller's answer in a tenant where the user has no role: Django REST framework's
    /// permission-denied text in Avi's <c>error</c> envelope (an assumption, see the README).</summary>
    public static AviRequestException PermissionDenied() =>
        new(403, "You do not have permission to perform this action.");

    /// <summary>The uuids of the tenants <paramref name="user"/> may use; null = all.</summary>
    private HashSet<string>? UsableTenants(AviSimUser? user) =>
        user?.Tenants?
            .SelectMany(name => store.FindByName(TenantScope.AdminUuid, "tenant", name))
            .Select(t => t.Uuid)
            .ToHashSet(StringComparer.Ordinal);
}
