using System.Net;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;

namespace AkoActors.Domain.Translation.L4;

/// <summary>The claims LoadBalancer Services this controller serves lay to one VIP address, read from the informer cache every
/// replica keeps of every Service: what an auto-allocating Service must not take (see <see cref="AddressYield"/>).</summary>
public static class AddressClaims
{
    /// <summary>Every claim to <paramref name="address"/> but <paramref name="except"/>'s: a Service asking for it (itself, or
    /// through the Accepted L4Rule it names), or showing it in its status without asking for it.</summary>
    /// <remarks>Runs over every Service of the cluster, once per pass of a Service that holds an address its status does not
    /// show yet, once per family (an IPv4 and an IPv6 address are each claimed on their own); so each Service is first matched
    /// by comparing addresses as written (a valid IPv4 request is written exactly as the address: anything else is refused as
    /// <c>InvalidLoadBalancerIP</c>; an IPv6 one may be written in any of its forms, so both sides are compared in the canonical
    /// form), and only a match is checked in full.</remarks>
    public static IReadOnlyList<AddressClaim> On(IClusterState cluster, TranslationContext context, ServiceKey except, string address)
    {
        address = Canonical(address)!;
        var settings = context.Settings;
        var claims = new List<AddressClaim>();
        // Only an Accepted rule's address is asked for (a Rejected one leaves the Service with the defaults).
        var rules = cluster.GetL4Rules().Where(r => r.Status?.IsAccepted == true).ToList();
        var rulesOnAddress = rules.Where(r => Canonical(r.LoadBalancerIp) == address).Select(r => r.Key).ToHashSet();
        foreach (var key in cluster.ServiceKeys())
        {
            if (key == except || cluster.GetService(key) is not { IsLoadBalancer: true, IsDeleting: false } service) continue;
            var shown = Shows(service, address);
            if (!shown && Canonical(RequestedText(service)) != address &&
                !(rulesOnAddress.Count > 0 && L4RuleApplication.RuleNameOf(service) is { } named && rulesOnAddress.Contains(new L4RuleKey(key.Namespace, named))))
            {
                continue;
            }
            if (!L4ServiceTranslator.IsHandled(service, cluster.GetNamespace(key.Namespace), settings)) continue;
            var rule = L4RuleApplication.RuleNameOf(service) is { } ruleName ? rules.FirstOrDefault(r => r.Key == new L4RuleKey(key.Namespace, ruleName)) : null;
            var requested = L4RuleApplication.Requested(service, rule);
            var pinned = L4ServiceTranslator.PreferredIp(requested, settings, []);
            if (pinned == address && AsksForAVip(requested, cluster, context)) claims.Add(new AddressClaim(key, address, AddressClaimKind.Pinned, shown));
            else if (shown) claims.Add(new AddressClaim(key, address, AddressClaimKind.Remembered, ShownInStatus: true));
        }
        return claims;
    }

    /// <summary>False for a Service whose tree is refused whole (no ports, SCTP only, IPv6 only, a name too long): it never
    /// asks for its address, so nobody should wait for it. A shared-VIP member's address is asked for by its group.</summary>
    private static bool AsksForAVip(ServiceSnapshot service, IClusterState cluster, TranslationContext context) =>
        L4ServiceTranslator.SharedVipKeyOf(service) is not null ||
        L4ServiceTranslator.Translate(service, [], [], cluster.GetNamespace(service.Key.Namespace), context).Outcome == TranslationOutcome.Desired;

    private static bool Shows(ServiceSnapshot service, string address)
    {
        foreach (var entry in service.Status)
        {
            if (Canonical(entry.Ip) == address) return true;
        }
        return false;
    }

    /// <summary>An address in one form per family (<c>2001:DB8:0::1</c> is <c>2001:db8::1</c>); text that is no address, trimmed.</summary>
    public static string? Canonical(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.Contains(':', StringComparison.Ordinal)) return trimmed;
        return IPAddress.TryParse(trimmed, out var parsed) ? parsed.ToString() : trimmed;
    }

    /// <summary>The address as the Service writes it (AKO's order: spec.loadBalancerIP, then the annotation), unchecked.</summary>
    private static string? RequestedText(ServiceSnapshot service) =>
        string.IsNullOrWhiteSpace(service.LoadBalancerIp)
            ? service.Annotations.GetValueOrDefault(L4ServiceTranslator.LoadBalancerIpAnnotation)
            : service.LoadBalancerIp;
}
