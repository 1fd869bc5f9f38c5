namespace AkoActors.Domain.HostRules;

/// <summary>A HostRule's <c>analyticsPolicy</c>: non-significant (full client) logs with their throttle, and all headers.</summary>
/// <param name="Throttle">AKO's names: DISABLED, LOW, MEDIUM, HIGH (the CRD's default).</param>
/// <param name="Duration">Minutes of full client logs; 0 = infinite, AKO's default.</param>
public sealed record HostRuleAnalyticsPolicy(bool FullClientLogs, string Throttle, int Duration, bool LogAllHeaders)
{
    /// <summary>Avi's <c>throttle</c> number for AKO's name: DISABLED 0, LOW 50, MEDIUM 30, HIGH 10 (hostrule.md).</summary>
    public int ThrottleValue => Throttle switch
    {
        "DISABLED" => 0,
        "LOW" => 50,
        "MEDIUM" => 30,
        _ => 10,
    };
}
