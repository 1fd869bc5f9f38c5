using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Routes;

/// <summary>Whether this controller programs pod-CIDR static routes, and into which VRF.</summary>
/// <remarks>Only in ClusterIP mode: in NodePort mode pool servers are node addresses, which the Service Engines reach without
/// routes, and disableStaticRouteSync says the CNI already makes pods routable.</remarks>
public static class StaticRoutePolicy
{
    public static bool IsEnabled(AkoSettings settings) =>
        !settings.DisableStaticRouteSync && settings.ServiceType == PoolServerMode.ClusterIp;

    /// <summary>The single VRF whose routes this cluster owns: <c>vrfName</c> (default <c>global</c>) in the configured tenant.</summary>
    public static VrfKey VrfOf(AkoSettings settings) => new(settings.TenantName, settings.EffectiveVrf);
}
