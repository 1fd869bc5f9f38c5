using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L4;

/// <summary>The VIP addresses the LoadBalancer Services this controller serves ask for or show, read from the informer cache
/// every replica keeps of every Service: what an auto-allocating Service must not take (see <see cref="AddressYield"/>).</summary>
public static class AddressClaims
{
    /// <summary>Every claim but <paramref name="except"/>'s: a Service's requested address (its own, or its L4Rule's), and each
    /// address its status shows that it does not ask for.</summary>
    public static IReadOnlyList<AddressClaim> Of(IClusterState cluster, AkoSettings settings, ServiceKey except)
    {
        var claims = new List<AddressClaim>();
        Dictionary<(string Namespace, string Name), L4RuleSnapshot>? rules = null;
        foreach (var key in cluster.ServiceKeys())
        {
            if (key == except || cluster.GetService(key) is not { IsLoadBalancer: true, IsDeleting: false } service) continue;
            if (!L4ServiceTranslator.IsHandled(service, cluster.GetNamespace(key.Namespace), settings)) continue;
            var shown = service.Status.Select(s => s.Ip).OfType<string>().ToList();
            L4RuleSnapshot? rule = null;
            if (L4RuleApplication.RuleNameOf(service) is { } ruleName)
            {
                rules ??= cluster.GetL4Rules().ToDictionary(r => (r.Key.Namespace, r.Key.Name));
                // Only an Accepted rule's address is asked for (a Rejected one leaves the Service with the defaults).
                rule = rules.GetValueOrDefault((key.Namespace, ruleName)) is { Status.IsAccepted: true } accepted ? accepted : null;
            }
            var pinned = L4ServiceTranslator.PreferredIp(L4RuleApplication.Requested(service, rule), settings, []);
            if (pinned is not null) claims.Add(new AddressClaim(key, pinned, AddressClaimKind.Pinned, shown.Contains(pinned)));
            claims.AddRange(shown.Where(ip => ip != pinned).Select(ip => new AddressClaim(key, ip, AddressClaimKind.Remembered, true)));
        }
        return claims;
    }
}
