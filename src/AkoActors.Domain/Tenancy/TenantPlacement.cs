using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Tenancy;

/// <summary>Which Avi tenant a namespace's objects live in (AKO 1.13): the namespace's <c>ako.vmware.com/tenant-name</c>
/// annotation, or ControllerSettings.tenantName when it is missing or empty.</summary>
public static class TenantPlacement
{
    public static string TenantOf(NamespaceSnapshot? ns, AkoSettings settings) =>
        ns?.TenantAnnotation?.Trim() is { Length: > 0 } tenant ? tenant : settings.TenantName;
}
