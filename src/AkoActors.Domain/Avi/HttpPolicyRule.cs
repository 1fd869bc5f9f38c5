namespace AkoActors.Domain.Avi;

/// <summary>One request rule: matches on host (and optionally path and listening port), then an action. Order matters: first match wins.</summary>
public sealed record HttpPolicyRule(string Name, HttpHostMatch Host, HttpPathMatch? Path, int? VsPort, HttpPolicyAction Action);
