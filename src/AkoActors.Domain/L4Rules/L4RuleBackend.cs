using AkoActors.Domain.Collections;

namespace AkoActors.Domain.L4Rules;

/// <summary>One <c>spec.backendProperties[]</c> entry of an L4Rule: the settings of the pool serving one Service port and
/// protocol (AKO identifies the pool by both).</summary>
/// <param name="HealthMonitors">Replace the default System-TCP / System-UDP when not empty.</param>
public sealed record L4RuleBackend(
    int Port,
    string Protocol,
    string? Algorithm,
    string? Hash,
    string? HashHeader,
    EquatableArray<string> HealthMonitors,
    string? Persistence,
    string? SslProfile,
    string? PkiProfile,
    string? SslKeyAndCertificate)
{
    /// <summary>False takes the pool out of service (<c>enabled: false</c>); the CRD's default is true.</summary>
    public bool Enabled { get; init; } = true;

    public int? MinServersUp { get; init; }

    /// <summary><c>analyticsPolicy.enableRealtimeMetrics</c>.</summary>
    public bool RealtimeMetrics { get; init; }

    /// <summary>HealthMonitor resources of AKO's CRD operator (<c>healthMonitorCrdRefs</c>), which this controller does not run.</summary>
    public EquatableArray<string> HealthMonitorCrdRefs { get; init; } = EquatableArray<string>.Empty;
}
