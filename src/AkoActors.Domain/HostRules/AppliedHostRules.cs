namespace AkoActors.Domain.HostRules;

/// <summary>The HostRules a shared VS applies: each Accepted for its current spec, and for one edited but not yet checked
/// again, the version applied before — so an edit naming an object the controller lacks is never tried, and a valid edit
/// costs exactly one write once it is Accepted.</summary>
/// <remarks>Kept by the shared VS actor across its passes; a new incarnation that never saw the earlier version leaves
/// such a rule out until its check ends (one controller round trip).</remarks>
public sealed class AppliedHostRules
{
    private readonly Dictionary<Keys.HostRuleKey, HostRuleSnapshot> _lastEffective = [];

    public IReadOnlyList<HostRuleSnapshot> Resolve(IReadOnlyList<HostRuleSnapshot> current)
    {
        var applied = new List<HostRuleSnapshot>();
        var seen = new HashSet<Keys.HostRuleKey>();
        foreach (var rule in current)
        {
            seen.Add(rule.Key);
            if (rule.IsEffective)
            {
                _lastEffective[rule.Key] = rule;
                applied.Add(rule);
            }
            else if (rule.IsAwaitingCheck && _lastEffective.TryGetValue(rule.Key, out var before))
            {
                applied.Add(before);
            }
            else
            {
                _lastEffective.Remove(rule.Key);
            }
        }
        foreach (var gone in _lastEffective.Keys.Where(k => !seen.Contains(k)).ToList()) _lastEffective.Remove(gone);
        return applied;
    }
}
