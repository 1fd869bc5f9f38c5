namespace AkoActors.Domain.Avi;

/// <summary>A VS's <c>analytics_policy.full_client_logs</c> as an L4Rule's <c>analyticsPolicy.fullClientLogs</c> sets it:
/// non-significant logs on or off, per-SE throttle (0 = unthrottled) and duration in minutes (0 = indefinitely).</summary>
public sealed record L4ClientLogs(bool Enabled, int Throttle, int Duration)
{
    /// <summary>The CRD's defaults for what a rule leaves out (AKO's l4rule.md: throttle 10, duration 30 minutes).</summary>
    public const int DefaultThrottle = 10;

    public const int DefaultDuration = 30;
}
