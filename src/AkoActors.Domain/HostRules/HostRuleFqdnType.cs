namespace AkoActors.Domain.HostRules;

/// <summary>How a HostRule's <c>fqdn</c> selects hosts (AKO's <c>fqdnType</c>, default Exact).</summary>
public enum HostRuleFqdnType
{
    /// <summary>The host equals the fqdn.</summary>
    Exact,

    /// <summary>The fqdn starts with <c>*</c>; hosts ending with the rest match (<c>*.example.com</c> matches <c>a.example.com</c>).</summary>
    Wildcard,

    /// <summary>Hosts containing the fqdn as a substring match.</summary>
    Contains,
}
