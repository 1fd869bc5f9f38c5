namespace AkoActors.Domain.Avi;

/// <summary>How the Host header is matched: exactly, or by suffix for a wildcard host (<c>*.example.com</c>).</summary>
public sealed record HttpHostMatch(string Criteria, string Value)
{
    public const string EqualsCriteria = "HDR_EQUALS";
    public const string EndsWithCriteria = "HDR_ENDS_WITH";

    /// <summary>No Host match: for rules of an SNI child, which only ever sees its own host (AKO writes them so).</summary>
    public static HttpHostMatch Any { get; } = new(string.Empty, string.Empty);

    public bool IsAny => Criteria.Length == 0;

    /// <summary>A Kubernetes host as a header match: <c>*.example.com</c> becomes ends-with <c>.example.com</c>.</summary>
    public static HttpHostMatch For(string host) =>
        host.StartsWith("*.", StringComparison.Ordinal) ? new HttpHostMatch(EndsWithCriteria, host[1..]) : new HttpHostMatch(EqualsCriteria, host);
}
