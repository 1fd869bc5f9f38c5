using AkoActors.Actors.HostRules;
using AkoActors.Actors.HttpRules;
using AkoActors.Actors.InfraSettings;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.L4Rules;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;

namespace AkoActors.Actors.Serialization;

/// <summary>The wire names of the cross-replica messages: short, stable, and independent of CLR names, so types and
/// namespaces can be renamed without breaking a rolling upgrade.</summary>
/// <remarks>
/// What a version step may change (replicas of two adjacent versions share one cluster during a rolling update):
/// <list type="bullet">
/// <item>add a field to a message, if its absence means the old behaviour (a reader of either version ignores fields it
/// does not know and takes the type's default for fields it misses) — yes;</item>
/// <item>add a message under a new manifest — yes, if the sender sends it only once every replica understands it (a
/// replica that does not know a manifest drops the message with an error in its log);</item>
/// <item>rename a C# type, property or namespace — yes for types and namespaces; a property keeps its wire name (its
/// camelCase JSON name) or declares the old one with <c>[JsonPropertyName]</c>;</item>
/// <item>rename or reuse a manifest, remove a field a previous version still needs, change a field's type or meaning — no:
/// add a new manifest or field instead and retire the old one a version later.</item>
/// </list>
/// </remarks>
public static class CrossReplicaManifests
{
    private static readonly (string Manifest, Type Type)[] Table =
    [
        ("svc-reconcile", typeof(ServiceProtocol.Reconcile)),
        ("svc-resync", typeof(ServiceProtocol.Resync)),
        ("svc-observed", typeof(ServiceProtocol.Observed)),
        ("ing-reconcile", typeof(IngressProtocol.Reconcile)),
        ("ing-shard-status", typeof(IngressProtocol.ShardStatus)),
        ("ing-retracted", typeof(IngressProtocol.Retracted)),
        ("vs-contribute", typeof(SharedVsProtocol.Contribute)),
        ("vs-retract", typeof(SharedVsProtocol.Retract)),
        ("vs-resync", typeof(SharedVsProtocol.Resync)),
        ("vs-reconcile", typeof(SharedVsProtocol.Reconcile)),
        ("vs-observed", typeof(SharedVsProtocol.Observed)),
        ("node-reconcile", typeof(NodeRouteProtocol.Reconcile)),
        ("vrf-node-report", typeof(VrfProtocol.NodeReport)),
        ("vrf-reconcile", typeof(VrfProtocol.Reconcile)),
        ("vrf-resync", typeof(VrfProtocol.Resync)),
        ("hr-reconcile", typeof(HostRuleProtocol.Reconcile)),
        ("httpr-reconcile", typeof(HttpRuleProtocol.Reconcile)),
        ("l4r-reconcile", typeof(L4RuleProtocol.Reconcile)),
        ("ais-reconcile", typeof(AviInfraSettingProtocol.Reconcile)),
    ];

    private static readonly Dictionary<Type, string> ByType = Table.ToDictionary(e => e.Type, e => e.Manifest);
    private static readonly Dictionary<string, Type> ByManifest = Table.ToDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> Types => ByType.Keys;

    public static string Of(Type type) =>
        ByType.TryGetValue(type, out var manifest)
            ? manifest
            : throw new ArgumentException(
                $"{type.FullName} is marked {nameof(ICrossReplicaMessage)} but has no wire name; add it to {nameof(CrossReplicaManifests)}", nameof(type));

    public static Type TypeOf(string manifest) =>
        ByManifest.TryGetValue(manifest, out var type)
            ? type
            : throw new ArgumentException(
                $"Unknown cross-replica message manifest '{manifest}': the sending replica runs a newer version that sends a message this one does not know", nameof(manifest));
}
