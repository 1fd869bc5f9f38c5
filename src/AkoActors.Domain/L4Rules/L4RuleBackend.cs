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
    string? SslKeyAndCertificate);
