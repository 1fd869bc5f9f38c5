using System.Globalization;
using System.Net;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L4;

/// <summary>Translates a Service of type LoadBalancer into its L4 Avi tree: vsvip, one pool per port, L4 policy set, virtual service.</summary>
public static class L4ServiceTranslator
{
    public const string AviLoadBalancerClass = "ako.vmware.com/avi-lb";
    public const string LoadBalancerIpAnnotation = "ako.vmware.com/load-balancer-ip";
    public const string ExternalDnsHostnameAnnotation = "external-dns.alpha.kubernetes.io/hostname";

    /// <summary>Names the VS's application profile instead of System-L4-Application (AKO takes the name as it is; a profile
    /// the controller does not have is refused by it and reported on the Service).</summary>
    public const string ApplicationProfileAnnotation = "ako.vmware.com/application-profile";

    /// <summary>Services of one namespace carrying the same value share one VS and VIP (see <see cref="SharedVipTranslator"/>).</summary>
    public const string SharedVipAnnotation = "ako.vmware.com/enable-shared-vip";

    /// <summary>The shared-VIP group a handled Service belongs to (its annotation value), or null for a Service of its own.</summary>
    public static string? SharedVipKeyOf(ServiceSnapshot service) =>
        service.Annotations.GetValueOrDefault(SharedVipAnnotation) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public const string L4ApplicationProfile = "System-L4-Application";
    public const string TcpNetworkProfile = "System-TCP-Proxy";
    public const string UdpNetworkProfile = "System-UDP-Fast-Path";

    /// <summary>True when this controller owns the Service's load balancer (ako-behaviour.md §3).</summary>
    public static bool IsHandled(ServiceSnapshot service, NamespaceSnapshot? ns, AkoSettings settings) =>
        service is { IsLoadBalancer: true, IsDeleting: false } &&
        !settings.Layer7Only &&
        (service.LoadBalancerClass == AviLoadBalancerClass || (service.LoadBalancerClass is null && settings.DefaultLbController)) &&
        settings.IsNamespaceHandled(service.Key.Namespace, ns?.Labels ?? LabelSet.Empty);

    public static TreeTranslation Translate(
        ServiceSnapshot? service,
        IReadOnlyCollection<EndpointSliceSnapshot> slices,
        IReadOnlyCollection<NodeSnapshot> nodes,
        NamespaceSnapshot? ns,
        TranslationContext context,
        VipNetwork? vipNetwork = null)
    {
        var settings = context.Settings;
        if (service is null || !IsHandled(service, ns, settings)) return TreeTranslation.NotHandled;
        // As AKO: a Service that joins a shared VIP gives up its own VS; the group's owner serves it.
        if (SharedVipKeyOf(service) is not null) return TreeTranslation.NotHandled;

        var refusals = new List<UserProblem>();
        var warnings = new List<UserProblem>();
        var key = service.Key;
        var names = context.Names;
        var vsName = names.L4VirtualService(key);

        if (service.Ports.IsEmpty)
        {
            refusals.Add(new UserProblem("NoPorts", $"Service {key} has no ports; add at least one to spec.ports"));
        }
        foreach (var port in service.Ports)
        {
            if (port.Port is < 1 or > 65535)
            {
                refusals.Add(new UserProblem("InvalidPort", $"Service {key} port {port.Port} is outside 1-65535; use a port in that range"));
            }
        }
        UnsupportedPorts(service, refusals, warnings);
        // The network the VIP will be on: the Service's AviInfraSetting's when one is attached, else the controller's.
        var network = vipNetwork ?? VipNetworkOf(settings);
        var ipType = VipFamilyChoice.Choose(service, network, refusals, warnings);
        if (AviNames.IsTooLong(vsName))
        {
            refusals.Add(new UserProblem("NameTooLong",
                $"The Avi name '{vsName[..40]}…' for Service {key} is {vsName.Length} characters; the controller allows {AviNames.MaxLength}. Shorten the namespace or Service name"));
        }
        var preferredIp = PreferredIp(service, network, ipType, refusals);
        if (refusals.Count > 0) return TreeTranslation.Refused(refusals);

        var ownership = context.Ownership;
        var placement = context.Placement;
        var fqdns = Fqdns(service, context);
        var ports = service.Ports.Where(p => IsSupported(p.Protocol)).ToList();

        var pools = new List<PoolSpec>();
        var rules = new List<L4PoolRule>();
        var placementNetworks = context.PoolPlacementNetworks;
        foreach (var port in ports)
        {
            var protocol = port.Protocol.ToUpperInvariant();
            var poolName = names.L4Pool(key, protocol, port.Port);
            if (AviNames.IsTooLong(poolName))
            {
                return TreeTranslation.Refused([new UserProblem("NameTooLong",
                    $"The pool name for Service {key} port {port.Port} is {poolName.Length} characters; the controller allows {AviNames.MaxLength}")]);
            }
            var servers = Servers(service, port, slices, nodes, settings, warnings);
            pools.Add(new PoolSpec(
                poolName,
                servers.ToEquatableArray(),
                new[] { protocol == "UDP" ? "System-UDP" : "System-TCP" }.ToEquatableArray(),
                placement.CloudName,
                placement.VrfName,
                new AviObjectMeta(ownership.CreatedBy, ownership.Markers(
                    AviMarker.Of(AviMarker.NamespaceKey, key.Namespace),
                    AviMarker.Of(AviMarker.ServiceNameKey, key.Name),
                    AviMarker.Of(AviMarker.PortKey, port.Port.ToString(CultureInfo.InvariantCulture))), AkoServiceMetadata.Empty))
            {
                PlacementNetworks = placementNetworks,
            });
            rules.Add(new L4PoolRule(port.Port, protocol, poolName));
        }

        var serviceMarkers = ownership.Markers(
            AviMarker.Of(AviMarker.NamespaceKey, key.Namespace),
            AviMarker.Of(AviMarker.ServiceNameKey, key.Name));
        var vip = new VsVipSpec(
            vsName,
            network.NetworkName,
            ipType == VipIpType.V6Only ? null : network.Cidr,
            preferredIp,
            fqdns.ToEquatableArray(),
            placement.CloudName,
            placement.VrfName,
            // AKO marks a vsvip with the cluster only; the Service it serves is found through its VS.
            new AviObjectMeta(null, ownership.Markers(), null))
        {
            NetworkUuid = network.NetworkUuid,
            IpType = ipType,
            Subnet6Cidr = ipType == VipIpType.V4Only ? null : VipFamilyChoice.Normalized(network.V6Cidr),
            SubnetVips = PublicCloudVips.SubnetsOf(settings.VipNetworks, context.CloudType),
        };
        var protocols = rules.Select(r => r.Protocol).Distinct().Order(StringComparer.Ordinal).ToList();
        var policySet = new L4PolicySetSpec(
            vsName,
            rules.ToEquatableArray(),
            new AviObjectMeta(ownership.CreatedBy, ownership.Markers(
                AviMarker.Of(AviMarker.NamespaceKey, key.Namespace),
                AviMarker.Of(AviMarker.ServiceNameKey, key.Name),
                AviMarker.Of(AviMarker.ProtocolKey, string.Join(",", protocols))), null));
        var virtualService = new VirtualServiceSpec(
            vsName,
            VirtualServiceSpec.Normal,
            ServicePorts(rules).ToEquatableArray(),
            vsName,
            ApplicationProfileOf(service),
            protocols.SequenceEqual(["UDP"]) ? UdpNetworkProfile : context.L4TcpNetworkProfile,
            placement,
            new AviObjectMeta(ownership.CreatedBy, serviceMarkers, AkoServiceMetadata.ForService(key.Namespace, key.Name, fqdns)))
        {
            L4PolicySets = new[] { vsName }.ToEquatableArray(),
            // Managed on every L4 VS, so detaching an L4Rule writes the defaults back (L4RuleApplication sets the rule's).
            L4Rule = L4VirtualServiceSettings.Default,
        };

        return TreeTranslation.Of([vip, .. pools, policySet, virtualService], warnings);
    }

    /// <summary>AKO's choice: the annotated profile name, else System-L4-Application.</summary>
    internal static string ApplicationProfileOf(ServiceSnapshot service) =>
        service.Annotations.GetValueOrDefault(ApplicationProfileAnnotation) is { } profile && !string.IsNullOrWhiteSpace(profile)
            ? profile.Trim()
            : L4ApplicationProfile;

    /// <summary>The VIPs, IPv4 then IPv6 (or, when the controller allocated one, the floating IP, as AKO reports it), the
    /// Service reports in its status, one ingress entry each, with the hostname when an FQDN is registered.</summary>
    public static IReadOnlyList<LoadBalancerIngressStatus> StatusOf(VsVipSpec? actualVip) =>
        actualVip is null ? [] : actualVip.ShownAddresses.Select(ip => new LoadBalancerIngressStatus(ip, actualVip.Fqdns.FirstOrDefault())).ToList();

    /// <summary>SCTP (or any protocol but TCP and UDP) has no Avi L4 profile here. A Service that also has TCP or UDP ports
    /// is served on those, with a Warning naming the ports left out; one with no servable port at all is refused.</summary>
    private static void UnsupportedPorts(ServiceSnapshot service, List<UserProblem> refusals, List<UserProblem> warnings)
    {
        var unsupported = service.Ports.Where(p => !IsSupported(p.Protocol)).ToList();
        if (unsupported.Count == 0) return;
        var listed = string.Join(", ", unsupported.Select(p => $"{p.Port}/{p.Protocol}"));
        if (unsupported.Count == service.Ports.Count)
        {
            refusals.Add(new UserProblem("UnsupportedProtocol",
                $"Service {service.Key} has only port(s) {listed}; the Avi L4 virtual service supports TCP and UDP, so it gets no VIP. Use TCP or UDP ports"));
            return;
        }
        warnings.Add(new UserProblem("UnsupportedProtocol",
            $"Service {service.Key} port(s) {listed} are not served (the Avi L4 virtual service supports TCP and UDP); its TCP/UDP ports are. " +
            "Move those ports to TCP or UDP, or to a Service of another load-balancer class"));
    }

    internal static bool IsSupported(string protocol) =>
        protocol.Equals("TCP", StringComparison.OrdinalIgnoreCase) || protocol.Equals("UDP", StringComparison.OrdinalIgnoreCase);

    internal static VipNetwork VipNetworkOf(AkoSettings settings) =>
        settings.VipNetworks.IsEmpty ? new VipNetwork(string.Empty, null) : settings.VipNetworks[0];

    /// <summary>The address a Service asks for on the controller's own VIP network, in the families it would get there.</summary>
    internal static string? PreferredIp(ServiceSnapshot service, AkoSettings settings, List<UserProblem> refusals)
    {
        var network = VipNetworkOf(settings);
        return PreferredIp(service, network, VipFamilyChoice.Choose(service, network, [], []), refusals);
    }

    internal static string? PreferredIp(ServiceSnapshot service, VipNetwork network, VipIpType ipType, List<UserProblem> refusals)
    {
        // AKO's order: spec.loadBalancerIP, then the annotation.
        var requested = string.IsNullOrWhiteSpace(service.LoadBalancerIp) ? service.Annotations.GetValueOrDefault(LoadBalancerIpAnnotation) : service.LoadBalancerIp;
        if (string.IsNullOrWhiteSpace(requested)) return null;
        requested = requested.Trim();
        // A VIP taken from an L4Rule is fixed there, not on the Service: say so, or the user looks for a field the Service lacks.
        var source = string.IsNullOrWhiteSpace(service.LoadBalancerIp) ? null : service.LoadBalancerIpSource;
        var origin = source is null ? "" : $" (spec.loadBalancerIP of {source})";
        var fixIn = source is null ? "" : $" in {source}";
        // IPAddress.TryParse also takes "172.16.251" (= 172.16.0.251) and "10" (= 0.0.0.10): an IPv4 VIP must be four dotted numbers.
        if (!IPAddress.TryParse(requested, out var address) ||
            (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.ToString() != requested))
        {
            refusals.Add(new UserProblem("InvalidLoadBalancerIP", $"Service {service.Key} asks for VIP '{requested}'{origin}, which is not an IP address; set an address inside the VIP network or remove the request{fixIn}"));
            return null;
        }
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (v6 ? ipType == VipIpType.V4Only : ipType == VipIpType.V6Only)
        {
            var gets = v6 ? network.Cidr : network.V6Cidr;
            refusals.Add(new UserProblem("InvalidLoadBalancerIP",
                $"Service {service.Key} asks for VIP {requested}{origin}, an IPv{(v6 ? 6 : 4)} address outside the VIP network {network.NetworkName}" +
                (gets is null ? "" : $" ({gets})") + $" it gets an IPv{(v6 ? "4" : "6-only")} VIP from " +
                (v6 ? "(spec.ipFamilies without IPv6, or a network without v6cidr)" : "(spec.ipFamilies [IPv6])") + $"; pick an address inside it or remove the request{fixIn}"));
            return null;
        }
        var cidrText = v6 ? network.V6Cidr : network.Cidr;
        if (cidrText is not null && IpCidr.TryParseContaining(cidrText, out var cidr, out _) && !cidr.Contains(address))
        {
            refusals.Add(new UserProblem("InvalidLoadBalancerIP",
                $"Service {service.Key} asks for VIP {requested}{origin}, which is outside the VIP network {network.NetworkName} ({cidrText}); pick an address inside it or remove the request{fixIn}"));
            return null;
        }
        return address.ToString();
    }

    internal static List<string> Fqdns(ServiceSnapshot service, TranslationContext context)
    {
        var annotated = service.Annotations.GetValueOrDefault(ExternalDnsHostnameAnnotation);
        if (!string.IsNullOrWhiteSpace(annotated))
        {
            return annotated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => h.ToLowerInvariant()).Distinct().ToList();
        }
        var subdomain = context.FqdnSubdomain;
        if (subdomain is null) return [];
        var key = service.Key;
        return context.Settings.AutoFqdn switch
        {
            AutoFqdnMode.Default => [$"{key.Name}.{key.Namespace}.{subdomain}"],
            AutoFqdnMode.Flat => [$"{key.Name}-{key.Namespace}.{subdomain}"],
            _ => [],
        };
    }

    internal static List<PoolServer> Servers(
        ServiceSnapshot service, ServicePortSpec port, IReadOnlyCollection<EndpointSliceSnapshot> slices,
        IReadOnlyCollection<NodeSnapshot> nodes, AkoSettings settings, List<UserProblem> warnings)
    {
        if (settings.ServiceType == PoolServerMode.NodePort)
        {
            if (port.NodePort is not { } nodePort)
            {
                warnings.Add(new UserProblem("NoNodePort", $"Service {service.Key} port {port.Port} has no nodePort yet; its pool stays empty until Kubernetes assigns one"));
                return [];
            }
            return NodePortServers.ForPort(nodePort, service.ExternalTrafficPolicyLocal, nodes, slices, settings.NodePortSelector);
        }
        if (slices.Count > 0 && slices.Any(s => !s.Endpoints.IsEmpty) && !EndpointServers.HasMatchingPort(port, slices))
        {
            warnings.Add(new UserProblem("EndpointPortMismatch",
                $"The endpoints of Service {service.Key} list no port matching Service port {port.Name ?? port.Port.ToString(CultureInfo.InvariantCulture)} (target {port.TargetPort}); its pool has no servers. Check the Service's targetPort against the pods' container ports"));
        }
        return EndpointServers.ForPort(port, slices);
    }

    /// <summary>One <c>services[]</c> entry per Service port, in the Service's order, as AKO writes them: a port served over
    /// TCP and UDP listens twice, and on a VS that also serves TCP each UDP entry overrides the VS's TCP profile.</summary>
    internal static IEnumerable<VsServicePort> ServicePorts(List<L4PoolRule> rules)
    {
        var mixed = rules.Select(r => r.Protocol).Distinct().Count() > 1;
        return rules.Select(r => new VsServicePort(r.Port, false, mixed && r.Protocol == "UDP" ? UdpNetworkProfile : null));
    }
}
