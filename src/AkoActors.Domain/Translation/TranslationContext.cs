using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation;

/// <summary>Everything translation needs besides the Kubernetes objects: settings, names, placement and the controller's DNS sub-domains.</summary>
/// <param name="DnsSubdomains">The domains the cloud's DNS profile serves (from the controller at start), used for autoFQDN.</param>
public sealed record TranslationContext(AkoSettings Settings, EquatableArray<string> DnsSubdomains)
{
    public AviNames Names { get; init; } = new(Settings.ClusterName);

    public AviOwnership Ownership { get; init; } = new(Settings.ClusterName);

    /// <summary>Names and markers for the shared VSes of an AviInfraSetting (AKO puts the setting's name in both); the
    /// controller's own with null.</summary>
    public TranslationContext ForInfraSetting(string? setting) =>
        Names.InfraSetting == setting && Ownership.InfraSetting == setting
            ? this
            : this with { Names = Names with { InfraSetting = setting }, Ownership = Ownership with { InfraSetting = setting } };

    public AviPlacement Placement { get; } = new(Settings.CloudName, Settings.EffectiveVrf, Settings.ServiceEngineGroupName);

    /// <summary>The clock certificates are checked against (expired, not yet valid); the runtime's, so tests can move it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The controller's <c>default_license_tier</c> (null when unknown), which decides the TCP profile of L4 VSes.</summary>
    public string? LicenseTier { get; init; }

    /// <summary>The controller cluster's uuid (<c>/api/cluster</c>), which AKO writes into each served object's
    /// <c>ako.vmware.com/controller-cluster-uuid</c>; null when it could not be read.</summary>
    public string? ControllerClusterUuid { get; init; }

    /// <summary>The configured cloud's type, read from the controller at start; null when unknown (then, as on clouds AKO
    /// does not place pools on, nodeNetworkList is not applied).</summary>
    public AviCloudType? CloudType { get; init; }

    /// <summary>The <c>placement_networks</c> every pool gets: one per CIDR of nodeNetworkList on vCenter and NSX-T VLAN
    /// clouds, none elsewhere (AKO's rule, <see cref="AviCloudType.AllowsPoolPlacementNetworks"/>).</summary>
    public EquatableArray<PoolPlacementNetwork> PoolPlacementNetworks =>
        CloudType?.AllowsPoolPlacementNetworks == true ? PoolPlacementNetwork.From(Settings.NodeNetworks) : EquatableArray<PoolPlacementNetwork>.Empty;

    /// <summary>AKO's choice for a VS serving TCP: the full proxy on Enterprise licences, the fast path otherwise (also when
    /// the tier could not be read, as AKO).</summary>
    public string L4TcpNetworkProfile =>
        LicenseTier is "ENTERPRISE" or "ENTERPRISE_WITH_CLOUD_SERVICES" ? "System-TCP-Proxy" : "System-TCP-Fast-Path";

    /// <summary>The sub-domain for automatic FQDNs: defaultDomain when the controller serves it, else the first it serves; none when it serves none (AKO's rule).</summary>
    public string? FqdnSubdomain
    {
        get
        {
            var candidates = DnsSubdomains.Select(d => d.TrimStart('.')).Where(d => d.Length > 0).ToList();
            var preferred = Settings.DefaultDomain.TrimStart('.');
            if (preferred.Length > 0 && candidates.Contains(preferred, StringComparer.OrdinalIgnoreCase))
            {
                return preferred;
            }
            return candidates.FirstOrDefault();
        }
    }
}
