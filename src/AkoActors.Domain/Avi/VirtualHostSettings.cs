using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>The per-host fields of an SNI child that a HostRule sets; on an SNI child they are managed (absent = removed,
/// so deleting the HostRule restores the defaults), on every other VS they are left as the controller has them.</summary>
/// <param name="SslProfile">AKO's default for an SNI child without a HostRule is none (the parent's applies).</param>
public sealed record VirtualHostSettings(
    bool Enabled,
    string? SslProfile,
    string? WafPolicy,
    string? AnalyticsProfile,
    string? ErrorPageProfile,
    EquatableArray<string> IcapProfiles,
    string? NetworkSecurityPolicy,
    VirtualHostAnalyticsPolicy? AnalyticsPolicy)
{
    /// <summary>An SNI child no HostRule touches.</summary>
    public static VirtualHostSettings Default { get; } = new(true, null, null, null, null, EquatableArray<string>.Empty, null, null);
}
