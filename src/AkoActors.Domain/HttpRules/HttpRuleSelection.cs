namespace AkoActors.Domain.HttpRules;

/// <summary>Which HTTPRule path settings apply to an Ingress path: rules Accepted for their spec, in the Ingress's namespace,
/// bound to its host; of several targets covering the path the longest wins, then the older rule (AKO does not say).</summary>
public static class HttpRuleSelection
{
    public static (HttpRuleSnapshot Rule, HttpRulePath Path)? For(string ns, string host, string path, IReadOnlyList<HttpRuleSnapshot> rules)
    {
        if (rules.Count == 0) return null;
        var match = rules
            .Where(r => r.IsEffective && r.Key.Namespace == ns && string.Equals(r.Fqdn, host, StringComparison.OrdinalIgnoreCase))
            .SelectMany(r => r.Paths.Where(p => p.Covers(path)).Select(p => (Rule: r, Path: p)))
            .OrderByDescending(m => m.Path.Target.Length)
            .ThenBy(m => m.Rule.Created)
            .ThenBy(m => m.Rule.Key.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return match.Rule is null ? null : match;
    }
}
