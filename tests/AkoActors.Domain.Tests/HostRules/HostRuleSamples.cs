using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Tests.HostRules;

/// <summary>HostRule snapshots as the informer makes them from AKO's v1beta1 resources, with only what a test varies.</summary>
internal static class HostRuleSamples
{
    public static HostRuleSnapshot Rule(
        string name, string fqdn, HostRuleFqdnType type = HostRuleFqdnType.Exact, int ageMinutes = 1, RuleStatus? status = null,
        string ns = "default") =>
        new(new HostRuleKey(ns, name), $"uid-{name}", DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-ageMinutes),
            fqdn, type, true, null, EquatableArray<string>.Empty, false, null, null, null, null, EquatableArray<string>.Empty, null,
            EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, EquatableArray<string>.Empty, status ?? RuleStatus.Accepted)
        {
            Generation = 1,
            DecidedGeneration = 1,
        };
}
