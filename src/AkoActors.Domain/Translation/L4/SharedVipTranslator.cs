using System.Globalization;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L4;

/// <summary>Translates the LoadBalancer Services of one namespace annotated <c>ako.vmware.com/enable-shared-vip: &lt;key&gt;</c>
/// into one L4 tree, as AKO does: VS, vsvip and L4 policy set <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;key&gt;</c> (markers Namespace and
/// GatewayName = key), one pool per member port <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;svc&gt;-&lt;key&gt;-&lt;PROTO&gt;-&lt;port&gt;</c>, the VIP the
/// first member asks for, every member's FQDN on the vsvip; every member reports the one VIP.</summary>
/// <remarks>As AKO (ConstructSharedVipSvcLBNode), the group's first member — the oldest, then by name — decides its
/// AviInfraSetting (its annotation, else its namespace's), its L4Rule and the VIP it asks for; AKO's docs ask every member to
/// carry the same annotations and say nothing of what happens when they do not, so here a member that names another setting
/// or rule gets a <see cref="SettingConflictReason"/> Warning naming the one applied and the fix. The VIP's families are
/// every family some member asks for, as far as the group's network offers them.</remarks>
public static class SharedVipTranslator
{
    /// <summary>A member names another AviInfraSetting or L4Rule than the group's first member, whose apply.</summary>
    public const string SettingConflictReason = "SharedVipSettingConflict";

    /// <summary>The member whose AviInfraSetting, L4Rule and VIP request the group takes (AKO's first); null for no member.</summary>
    public static ServiceSnapshot? Lead(IReadOnlyList<ServiceSnapshot> members) => members.Count == 0 ? null : members[0];

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
        IReadOnlyCollection<NodeSnapshot> nodes, TranslationContext context, NamespaceSnapshot? ns = null,
        ResolvedInfraSetting? infraSetting = null, L4RuleSnapshot? l4Rule = null)
    {
        if (members.Count == 0) return new SharedVipTranslation(TreeTranslation.NotHandled, []);
        var key = group.SharedVipKey!;
        var nsName = group.Namespace;
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
                $"The Avi name '{vsName[..40]}…' of the shared VIP '{key}' in namespace {nsName} is {vsName.Length} characters; the controller allows {AviNames.MaxLength}. Shorten the {L4ServiceTranslator.SharedVipAnnotation} value")]), []);
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
                var poolName = $"{names.Prefix}{nsName}-{member.Key.Name}-{key}-{protocol}-{portText}";
                var servers = L4ServiceTranslator.Servers(member, port, slicesOf(member.Key), nodes, settings, warnings);
                pools.Add(new PoolSpec(poolName, servers.ToEquatableArray(), new[] { protocol == "UDP" ? "System-UDP" : "System-TCP" }.ToEquatableArray(),
                    placement.CloudName, placement.VrfName,
                    new AviObjectMeta(ownership.CreatedBy, ownership.Markers(
                        AviMarker.Of(AviMarker.NamespaceKey, nsName),
                        AviMarker.Of(AviMarker.ServiceNameKey, member.Key.Name),
                        AviMarker.Of(AviMarker.PortKey, portText),
                        AviMarker.Of(AviMarker.ProtocolKey, protocol),
                        AviMarker.Of(AviMarker.GatewayNameKey, key)), AkoServiceMetadata.ForSharedVipPool(nsName, member.Key.Name, fqdns.Take(1).ToList())))
                {
                    PlacementNetworks = placementNetworks,
                });
                rules.Add(new L4PoolRule(port.Port, protocol, poolName));
            }
            served.Add(member);
        }
        if (served.Count == 0) return new SharedVipTranslation(TreeTranslation.Refused(problems), []);

        var refusals = new List<UserProblem>();
        // The network the VIP will be on (the first member's AviInfraSetting's, else the controller's) offers its families.
        var network = infraSetting?.VipNetwork ?? L4ServiceTranslator.VipNetworkOf(settings);
        var groupName = $"the shared VIP '{key}' of namespace {nsName}";
        var ipType = VipFamilyChoice.ChooseForGroup(groupName, served, network, refusals, warnings);
        var requested = L4RuleApplication.Requested(members[0], l4Rule, rules.Select(r => (r.Port, r.Protocol)).ToList());
        var preferredIp = L4ServiceTranslator.PreferredIp(requested, network, ipType, refusals);
        if (refusals.Count > 0) return new SharedVipTranslation(TreeTranslation.Refused(refusals.Concat(problems)), []);
        problems.AddRange(Disagreements(members, ns, l4Rule, groupName));

        var allFqdns = served.SelectMany(s => fqdnsByMember[s.Key]).Distinct(StringComparer.Ordinal).ToList();
        var groupMarkers = ownership.Markers(AviMarker.Of(AviMarker.NamespaceKey, nsName), AviMarker.Of(AviMarker.GatewayNameKey, key));
        var vip = new VsVipSpec(vsName, network.NetworkName, ipType == VipIpType.V6Only ? null : network.Cidr, preferredIp, allFqdns.ToEquatableArray(),
            placement.CloudName, placement.VrfName, new AviObjectMeta(null, ownership.Markers(), null))
        {
            NetworkUuid = network.NetworkUuid,
            IpType = ipType,
            Subnet6Cidr = ipType == VipIpType.V4Only ? null : VipFamilyChoice.Normalized(network.V6Cidr),
            SubnetVips = PublicCloudVips.SubnetsOf(settings.VipNetworks, context.CloudType),
        };
        var protocols = rules.Select(r => r.Protocol).Distinct().Order(StringComparer.Ordinal).ToList();
        var policySet = new L4PolicySetSpec(vsName, rules.ToEquatableArray(), new AviObjectMeta(ownership.CreatedBy, groupMarkers, null));
        var virtualService = new VirtualServiceSpec(vsName, VirtualServiceSpec.Normal, L4ServiceTranslator.ServicePorts(rules).ToEquatableArray(), vsName,
            L4ServiceTranslator.L4ApplicationProfile, protocols.SequenceEqual(["UDP"]) ? L4ServiceTranslator.UdpNetworkProfile : context.L4TcpNetworkProfile,
            placement, new AviObjectMeta(ownership.CreatedBy, groupMarkers, AkoServiceMetadata.ForSharedVip(allFqdns)))
        {
            L4PolicySets = new[] { vsName }.ToEquatableArray(),
            // Managed as on every L4 VS, so detaching the L4Rule writes the defaults back.
            L4Rule = L4VirtualServiceSettings.Default,
        };
        // The single-Service paths: the L4Rule on the VS and the pools (by port and protocol), then the AviInfraSetting.
        var tree = L4RuleApplication.Apply(TreeTranslation.Of([vip, .. pools, policySet, virtualService], warnings.Concat(problems)), l4Rule);
        tree = AttachedInfraSetting.Place(tree, infraSetting ?? new ResolvedInfraSetting(null, null), context);
        return new SharedVipTranslation(tree,
            served.Select(s => new SharedVipMember(s.Key, fqdnsByMember[s.Key].FirstOrDefault())).ToList());
    }

    /// <summary>A Warning for each member that names another AviInfraSetting or L4Rule than the first member, whose the group
    /// takes, recorded on that member alone (a member naming none while the first names one is told too: it is placed with a
    /// setting it does not name).</summary>
    private static IEnumerable<UserProblem> Disagreements(IReadOnlyList<ServiceSnapshot> members, NamespaceSnapshot? ns, L4RuleSnapshot? l4Rule, string group)
    {
        var lead = members[0];
        var leadSetting = InfraSettingAttachment.RequestedFor(lead, ns)?.Name;
        var leadRule = L4RuleApplication.RuleNameOf(lead);
        foreach (var member in members.Skip(1))
        {
            var setting = InfraSettingAttachment.RequestedFor(member, ns)?.Name;
            if (setting != leadSetting)
            {
                var placed = leadSetting is null
                    ? $"the controller's own settings, as its first member {lead.Key} names no AviInfraSetting"
                    : $"{leadSetting}, which its first member {lead.Key} names";
                yield return new UserProblem(SettingConflictReason,
                    $"Service {member.Key} names AviInfraSetting {setting ?? "(none)"}, but {group} is placed with {placed} " +
                    "(as AKO, the oldest member decides for the group). Give every member of the group the same " +
                    $"{AviInfraSettingSnapshot.NameAnnotation} annotation") { Subject = member.Key.ToString() };
            }
            var rule = L4RuleApplication.RuleNameOf(member);
            if (rule != leadRule)
            {
                var applied = leadRule is null ? "no L4Rule" : l4Rule is null ? $"no L4Rule (its first member {lead.Key} names {leadRule}, which is not applied)" : $"L4Rule {l4Rule.Key}";
                yield return new UserProblem(SettingConflictReason,
                    $"Service {member.Key} names L4Rule {rule ?? "(none)"}, but {group} takes {applied}, as its first member {lead.Key} says " +
                    $"(as AKO, the oldest member decides for the group). Give every member of the group the same {L4RuleSnapshot.ServiceAnnotation} annotation")
                    { Subject = member.Key.ToString() };
            }
        }
    }
}
