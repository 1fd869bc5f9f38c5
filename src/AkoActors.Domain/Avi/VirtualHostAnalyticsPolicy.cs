namespace AkoActors.Domain.Avi;

/// <summary>A VS's <c>analytics_policy</c> as a HostRule sets it: full client logs (throttle, duration) and all headers.</summary>
public sealed record VirtualHostAnalyticsPolicy(bool FullClientLogs, int Throttle, int Duration, bool AllHeaders);
