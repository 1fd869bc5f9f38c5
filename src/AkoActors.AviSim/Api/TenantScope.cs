using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>The tenant a request acts in (from <c>X-Avi-Tenant</c>); <see cref="AllTenants"/> is the
/// <c>*</c> wildcard, valid for reads only. <see cref="UsableTenantUuids"/> narrows what a user whose roles
/// cover only some tenants sees through <c>*</c> and in the tenant list.</summary>
internal sealed record TenantScope(string? TenantUuid, string TenantName)
{
    public const string AdminUuid = "admin";

    public static TenantScope Admin { get; } = new(AdminUuid, "admin");

    public static TenantScope AllTenants { get; } = new(null, "*");

    public bool IsAllTenants => TenantUuid is null;

    /// <summary>The tenants the requesting user may use; null = every tenant.</summary>
    public IReadOnlySet<string>? UsableTenantUuids { get; init; }

    /// <summary>Objects of the tenant itself (of every usable tenant for <c>*</c>), the usable tenants, plus
    /// admin's shared system objects that every tenant may use.</summary>
    public bool CanSee(StoredObject stored)
    {
        if (stored.Type.IsTenant)
        {
            return IsUsable(stored.Uuid);
        }
        if (stored.Type.SharedFromAdmin && stored.TenantUuid == AdminUuid)
        {
            return true;
        }
        return IsAllTenants ? IsUsable(stored.TenantUuid) : stored.TenantUuid == TenantUuid;
    }

    public bool IsUsable(string tenantUuid) => UsableTenantUuids is null || UsableTenantUuids.Contains(tenantUuid);
}
