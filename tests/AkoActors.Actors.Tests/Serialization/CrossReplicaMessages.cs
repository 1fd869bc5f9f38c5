using AkoActors.Actors.Avi;
using AkoActors.Actors.HostRules;
using AkoActors.Actors.HttpRules;
using AkoActors.Actors.InfraSettings;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.L4Rules;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Actors.Tests.Serialization;

/// <summary>One sample of every message that crosses replicas, keyed by its wire manifest; the wire samples in
/// <c>WireSamples/v1</c> are these messages as version 1 wrote them, those in <c>WireSamples/v2</c> and <c>v3</c> the
/// messages versions 2 (ing-retracted) and 3 (the L4Rule and AviInfraSetting owners' reconcile) added.</summary>
public static class CrossReplicaMessages
{
    public static IReadOnlyDictionary<string, object> ByManifest { get; } = new Dictionary<string, object>
    {
        ["svc-reconcile"] = new ServiceProtocol.Reconcile(new ServiceKey("red", "web")),
        ["svc-resync"] = new ServiceProtocol.Resync(new ServiceKey("red", "web")),
        ["svc-observed"] = new ServiceProtocol.Observed(new ServiceKey("red", "web"),
            [new ObservedObject(new AviRef("pool", "c1--red-web-TCP-80"), "1700000000000001"), new ObservedObject(new AviRef("vsvip", "c1--red-web"), null)]),
        ["ing-reconcile"] = new IngressProtocol.Reconcile(new IngressKey("shop", "web")),
        ["ing-shard-status"] = new IngressProtocol.ShardStatus(new IngressKey("shop", "web"), "c1--Shared-L7-0", "172.16.251.4",
            new ShardVerdict(new[] { "a.example.com" }.ToEquatableArray(), new[] { new UserProblem("DuplicateHostPath", "x") }.ToEquatableArray()), "0a1b-7"),
        ["ing-retracted"] = new IngressProtocol.Retracted(new IngressKey("shop", "web"), "c1--Shared-L7-0") { Tenant = "admin" },
        ["vs-contribute"] = new SharedVsProtocol.Contribute(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressContribution(
            new IngressKey("shop", "web"), DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            new[]
            {
                new HostRoute("a.example.com",
                    new[] { new PathRoute("/api", false, "web:80", new[] { new PoolServer("10.244.3.2", 8080, true) }.ToEquatableArray()) }.ToEquatableArray(),
                    new TlsReference("web-tls", "ABCDEF")),
                new HostRoute("b.example.com", new[] { new PathRoute("/", true, "web:http", EquatableArray<PoolServer>.Empty) }.ToEquatableArray(), null),
            }.ToEquatableArray()), "0a1b-8"),
        ["vs-retract"] = new SharedVsProtocol.Retract(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressKey("shop", "web")),
        ["vs-resync"] = new SharedVsProtocol.Resync(new ShardVsKey("admin", "c1--Shared-L7-0")),
        ["vs-reconcile"] = new SharedVsProtocol.Reconcile(new ShardVsKey("admin", "c1--Shared-L7-0")),
        ["vs-observed"] = new SharedVsProtocol.Observed(new ShardVsKey("admin", "c1--Shared-L7-0"), [new ObservedObject(new AviRef("vsvip", "c1--Shared-L7-0"), "1")]),
        ["node-reconcile"] = new NodeRouteProtocol.Reconcile(new NodeKey("avi-node1")),
        ["vrf-node-report"] = new VrfProtocol.NodeReport(new VrfKey("admin", "global"), new NodeKey("avi-node1"), true,
            [new VrfProtocol.ReportedRoute("10.244.3.0/24", "172.16.250.11")],
            DateTimeOffset.Parse("2026-11-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        ["vrf-reconcile"] = new VrfProtocol.Reconcile(new VrfKey("admin", "global")),
        ["vrf-resync"] = new VrfProtocol.Resync(new VrfKey("admin", "global")),
        ["hr-reconcile"] = new HostRuleProtocol.Reconcile(new HostRuleKey("shop", "waf")),
        ["httpr-reconcile"] = new HttpRuleProtocol.Reconcile(new HttpRuleKey("shop", "lb")),
        ["l4r-reconcile"] = new L4RuleProtocol.Reconcile(new L4RuleKey("shop", "tcp")),
        ["ais-reconcile"] = new AviInfraSettingProtocol.Reconcile(new AviInfraSettingKey("compact")),
    };

    /// <summary>Value comparison that also looks inside the plain arrays some messages carry (records compare those by reference).</summary>
    public static bool SameContent(object expected, object actual) => (expected, actual) switch
    {
        (ServiceProtocol.Observed a, ServiceProtocol.Observed b) => a.Key == b.Key && a.Objects.SequenceEqual(b.Objects),
        (SharedVsProtocol.Observed a, SharedVsProtocol.Observed b) => a.Key == b.Key && a.Objects.SequenceEqual(b.Objects),
        (VrfProtocol.NodeReport a, VrfProtocol.NodeReport b) =>
            a.Key == b.Key && a.Node == b.Node && a.Exists == b.Exists && a.NodeCreated == b.NodeCreated && a.Routes.SequenceEqual(b.Routes),
        _ => Equals(expected, actual),
    };
}
