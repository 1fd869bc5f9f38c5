using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Environment;

/// <summary>What the controller offers this cluster, found at start: its version, the DNS sub-domains of the cloud's DNS
/// profile, its licence tier and the cloud's type.</summary>
/// <param name="LicenseTier">systemconfiguration's <c>default_license_tier</c>; null when it could not be read.</param>
/// <param name="ClusterUuid">The controller cluster's uuid (<c>/api/cluster</c>), for AKO's annotations; null when unreadable.</param>
/// <param name="CloudType">The configured cloud's type, which decides whether pools get placement networks.</param>
public sealed record AviEnvironment(
    string? Version, string CloudUuid, EquatableArray<string> DnsSubdomains, string? LicenseTier = null, string? ClusterUuid = null, AviCloudType? CloudType = null);
