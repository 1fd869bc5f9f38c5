using AkoActors.Domain.Collections;

namespace AkoActors.Domain.HostRules;

/// <summary>Which HostRule applies to a host: only ones Accepted for their current spec, and of several that select it the most specific —
/// Exact before Wildcard before Contains, a longer fqdn before a shorter, then the older.</summary>
/// <remarks>AKO rejects a second HostRule for the same fqdn, so two Exact rules never compete; a Wildcard and an Exact one
/// for the same host can both be Accepted, and AKO's documentation does not say which wins: the exact one does here.</remarks>
public static class HostRuleSelection
{
    public static HostRuleSnapshot? For(string host, IEnumerable<HostRuleSnapshot> rules) =>
        rules.Where(r => r.IsEffective && r.Selects(host))
            .OrderBy(r => r.FqdnType)
            .ThenByDescending(r => r.Fqdn.Length)
            .ThenBy(r => r.Created)
            .ThenBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The Accepted rules selecting any of <paramref name="hosts"/>, by host.</summary>
    public static IReadOnlyDictionary<string, HostRuleSnapshot> ForHosts(IEnumerable<string> hosts, IReadOnlyList<HostRuleSnapshot> rules)
    {
        var result = new Dictionary<string, HostRuleSnapshot>(StringComparer.Ordinal);
        if (rules.Count == 0) return result;
        foreach (var host in hosts)
        {
            if (For(host, rules) is { } rule) result[host] = rule;
        }
        return result;
    }

    /// <summary>The aliases a rule adds to the host it applies to (AKO: only with fqdnType Exact).</summary>
    public static EquatableArray<string> AliasesOf(HostRuleSnapshot rule) =>
        rule.FqdnType == HostRuleFqdnType.Exact ? rule.Aliases : EquatableArray<string>.Empty;
}
