using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>The tenant a request acts in (from <c>X-Avi-Tenant</c>); <see cref="AllTenants"/> is the
/// <c>*</c> wildcard, valid for reads only.</summary>
internal sealed record TenantScope(string? TenantUuid, string TenantName)
{
    public const string AdminUuid = "admin";

    public static TenantScope Admin { get; } = new(AdminUuid, "admin");

    public static TenantScope AllTenants { get; } = new(null, "*");

    public bool IsAllTenants => TenantUuid is null;

    /// <summary>Objects of the tenant itself, plus admin's system objects that every tenant may use.</summary>
    public bool CanSee(StoredObject stored) =>
        IsAllTenants ||
        stored.TenantUuid == TenantUuid ||
        stored.Type.IsTenant ||
        (stored.Type.SharedFromAdmin && stored.TenantUuid == AdminUuid);
}
