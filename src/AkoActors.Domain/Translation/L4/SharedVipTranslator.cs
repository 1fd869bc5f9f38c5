using System.Globalization;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L4;

/// <summary>Translates the LoadBalancer Services of one namespace annotated <c>ako.vmware.com/enable-shared-vip: &lt;key&gt;</c>
/// into one L4 tree, as AKO does: VS, vsvip and L4 policy set <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;key&gt;</c> (markers Namespace and
/// GatewayName = key), one pool per member port <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;svc&gt;-&lt;key&gt;-&lt;PROTO&gt;-&lt;port&gt;</c>, the VIP the
/// first member asks for, every member's FQDN on the vsvip; every member reports the one VIP.</summary>
public static class SharedVipTranslator
{
    /// <summary>The group's members in AKO's order (oldest first, then by name), handled LoadBalancer Services only.</summary>
    public static IReadOnlyList<ServiceSnapshot> Members(ServiceKey group, IClusterState cluster, AkoSettings settings)
    {
        var key = group.SharedVipKey ?? throw new ArgumentException($"{group} is not a shared-VIP group key", nameof(group));
        return cluster.ServiceKeys()
            .Where(k => k.Namespace == group.Namespace)
            .Select(cluster.GetService)
            .OfType<ServiceSnapshot>()
            .Where(s => L4ServiceTranslator.SharedVipKeyOf(s) == key && L4ServiceTranslator.IsHandled(s, cluster.GetNamespace(s.Key.Namespace), settings))
            .OrderBy(s => s.Created ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s.Key.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The VS (and vsvip, policy set) name: AKO names it as a Service called like the key would be.</summary>
    public static string VirtualServiceName(ServiceKey group, AviNames names) => names.L4VirtualService(new ServiceKey(group.Namespace, group.SharedVipKey!));

    public static SharedVipTranslation Translate(
        ServiceKey group, IReadOnlyList<ServiceSnapshot> members, Func<ServiceKey, IReadOnlyCollection<EndpointSliceSnapshot>> slicesOf,
        IReadOnlyCollection<NodeSnapshot> nodes, TranslationContext context)
    {
        if (members.Count == 0) return new SharedVipTranslation(TreeTranslation.NotHandled, []);
        var key = group.SharedVipKey!;
        var ns = group.Namespace;
        var names = context.Names;
        var ownership = context.Ownership;
        var placement = context.Placement;
        var placementNetworks = context.PoolPlacementNetworks;
        var settings = context.Settings;
        var vsName = VirtualServiceName(group, names);
        var problems = new List<UserProblem>();
        var warnings = new List<UserProblem>();
        if (AviNames.IsTooLong(vsName))
        {
            return new SharedVipTranslation(TreeTranslation.Refused([new UserProblem("NameTooLong",
                $"The Avi name '{vsName[..40]}…' of the shared VIP '{key}' in namespace {ns} is {vsName.Length} characters; the controller allows {AviNames.MaxLength}. Shorten the {L4ServiceTranslator.SharedVipAnnotation} value")]), []);
        }

        var served = new List<ServiceSnapshot>();
        var taken = new Dictionary<(string Protocol, int Port), ServiceKey>();
        var pools = new List<PoolSpec>();
        var rules = new List<L4PoolRule>();
        var fqdnsByMember = new Dictionary<ServiceKey, List<string>>();
        foreach (var member in members)
        {
            var ports = member.Ports.Where(p => L4ServiceTranslator.IsSupported(p.Protocol) && p.Port is >= 1 and <= 65535).ToList();
            var clash = ports.Select(p => (Protocol: p.Protocol.ToUpperInvariant(), p.Port)).FirstOrDefault(p => taken.ContainsKey(p));
            if (clash != default)
            {
                // Two listeners on one VIP port cannot be: the newer Service stays out of the group, with the reason.
                problems.Add(new UserProblem("SharedVipPortConflict",
                    $"Service {member.Key} wants {clash.Protocol} port {clash.Port.ToString(CultureInfo.InvariantCulture)} on the shared VIP '{key}', which Service {taken[clash]} already serves there; " +
                    $"give it another port or another {L4ServiceTranslator.SharedVipAnnotation} value. It gets no VIP until then"));
                continue;
            }
            if (ports.Count == 0)
            {
                problems.Add(new UserProblem("NoPorts", $"Service {member.Key} has no TCP or UDP port to put on the shared VIP '{key}'"));
                continue;
            }
            var fqdns = L4ServiceTranslator.Fqdns(member, context);
            fqdnsByMember[member.Key] = fqdns;
            foreach (var port in ports)
            {
                var protocol = port.Protocol.ToUpperInvariant();
                taken[(protocol, port.Port)] = member.Key;
                var portText = port.Port.ToString(CultureInfo.InvariantCulture);
                var poolName = $"{names.Prefix}{ns}-{member.Key.Name}-{key}-{protocol}-{portText}";
                var servers = L4ServiceTranslator.Servers(member, port, slicesOf(member.Key), nodes, settings, warnings);
                pools.Add(new PoolSpec(poolName, servers.ToEquatableArray(), new[] { protocol == "UDP" ? "System-UDP" : "System-TCP" }.ToEquatableArray(),
                    placement.CloudName, placement.VrfName,
                    new AviObjectMeta(ownership.CreatedBy, ownership.Markers(
                        AviMarker.Of(AviMarker.NamespaceKey, ns),
                        AviMarker.Of(AviMarker.ServiceNameKey, member.Key.Name),
                        AviMarker.Of(AviMarker.PortKey, portText),
                        AviMarker.Of(AviMarker.ProtocolKey, protocol),
                        AviMarker.Of(AviMarker.GatewayNameKey, key)), AkoServiceMetadata.ForSharedVipPool(ns, member.Key.Name, fqdns.Take(1).ToList())))
                {
                    PlacementNetworks = placementNetworks,
                });
                rules.Add(new L4PoolRule(port.Port, protocol, poolName));
            }
            served.Add(member);
        }
        if (served.Count == 0) return new SharedVipTranslation(TreeTranslation.Refused(problems), []);

        var refusals = new List<UserProblem>();
        var preferredIp = L4ServiceTranslator.PreferredIp(served[0], L4ServiceTranslator.VipNetworkOf(settings), VipIpType.V4Only, refusals);
        if (refusals.Count > 0) return new SharedVipTranslation(TreeTranslation.Refused(refusals.Concat(problems)), []);

        var allFqdns = served.SelectMany(s => fqdnsByMember[s.Key]).Distinct(StringComparer.Ordinal).ToList();
        var groupMarkers = ownership.Markers(AviMarker.Of(AviMarker.NamespaceKey, ns), AviMarker.Of(AviMarker.GatewayNameKey, key));
        var network = L4ServiceTranslator.VipNetworkOf(settings);
        var vip = new VsVipSpec(vsName, network.NetworkName, network.Cidr, preferredIp, allFqdns.ToEquatableArray(), placement.CloudName, placement.VrfName,
            new AviObjectMeta(null, ownership.Markers(), null))
        {
            NetworkUuid = network.NetworkUuid,
            SubnetVips = PublicCloudVips.SubnetsOf(settings.VipNetworks, context.CloudType),
        };
        var protocols = rules.Select(r => r.Protocol).Distinct().Order(StringComparer.Ordinal).ToList();
        var policySet = new L4PolicySetSpec(vsName, rules.ToEquatableArray(), new AviObjectMeta(ownership.CreatedBy, groupMarkers, null));
        var virtualService = new VirtualServiceSpec(vsName, VirtualServiceSpec.Normal, L4ServiceTranslator.ServicePorts(rules).ToEquatableArray(), vsName,
            L4ServiceTranslator.L4ApplicationProfile, protocols.SequenceEqual(["UDP"]) ? L4ServiceTranslator.UdpNetworkProfile : context.L4TcpNetworkProfile,
            placement, new AviObjectMeta(ownership.CreatedBy, groupMarkers, AkoServiceMetadata.ForSharedVip(allFqdns)))
        {
            L4PolicySets = new[] { vsName }.ToEquatableArray(),
        };
        return new SharedVipTranslation(
            TreeTranslation.Of([vip, .. pools, policySet, virtualService], warnings.Concat(problems)),
            served.Select(s => new SharedVipMember(s.Key, fqdnsByMember[s.Key].FirstOrDefault())).ToList());
    }
}
