namespace AkoActors.Domain.CustomResources;

/// <summary>The rule resources a tree owner applies (HostRules and HTTPRules on a shared VS, an L4Rule on a Service): each
/// Accepted for its current spec, and for one edited but not yet checked again, the version applied before — so an edit
/// naming an object the controller lacks is never tried, and a valid edit costs exactly one write once it is Accepted.</summary>
/// <remarks>Kept by the tree owner across its passes; a new incarnation that never saw the earlier version leaves
/// such a rule out until its check ends (one controller round trip).</remarks>
public sealed class AppliedRules<TRule>
    where TRule : class, IAdmittedResource
{
    private readonly Dictionary<(string Namespace, string Name), TRule> _lastEffective = [];

    public IReadOnlyList<TRule> Resolve(IReadOnlyList<TRule> current)
    {
        var applied = new List<TRule>();
        var seen = new HashSet<(string, string)>();
        foreach (var rule in current)
        {
            var key = (rule.Namespace, rule.Name);
            seen.Add(key);
            if (rule.IsEffective())
            {
                _lastEffective[key] = rule;
                applied.Add(rule);
            }
            else if (rule.IsAwaitingCheck() && _lastEffective.TryGetValue(key, out var before))
            {
                applied.Add(before);
            }
            else
            {
                _lastEffective.Remove(key);
            }
        }
        foreach (var gone in _lastEffective.Keys.Where(k => !seen.Contains(k)).ToList()) _lastEffective.Remove(gone);
        return applied;
    }
}
