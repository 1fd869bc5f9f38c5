using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>ako-behaviour.md §2-§3 as tables: names byte for byte, ports to pools and rules, endpoints to servers, refusals.</summary>
public class L4ServiceTranslatorTests
{
    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    private static readonly TranslationContext Context = new(Settings, new[] { "ako.example.com" }.ToEquatableArray()) { LicenseTier = "ENTERPRISE" };

    [Theory]
    [InlineData("c1", "red", "web", "TCP", 80, "c1--red-web", "c1--red-web-TCP-80")]
    [InlineData("avi-cluster", "default", "nginx1", "TCP", 80, "avi-cluster--default-nginx1", "avi-cluster--default-nginx1-TCP-80")]
    [InlineData("k8s", "kube-system", "dns", "UDP", 53, "k8s--kube-system-dns", "k8s--kube-system-dns-UDP-53")]
    [InlineData("c_1", "a-b", "c-d", "TCP", 8443, "c_1--a-b-c-d", "c_1--a-b-c-d-TCP-8443")]
    public void L4_names_are_akos_byte_for_byte(string cluster, string ns, string svc, string protocol, int port, string vs, string pool)
    {
        var names = new Domain.Naming.AviNames(cluster);
        var key = new ServiceKey(ns, svc);
        Assert.Equal(vs, names.L4VirtualService(key));
        Assert.Equal(pool, names.L4Pool(key, protocol, port));
    }

    [Fact]
    public void A_LoadBalancer_service_becomes_vsvip_pool_policy_set_and_vs_with_system_profiles()
    {
        var tree = Translate(Service(("http", "TCP", 80, 8080)), [Slice(("http", 8080, "TCP"), Ready("10.244.3.5"), Ready("10.244.4.7"))]);

        Assert.Equal(TranslationOutcome.Desired, tree.Outcome);
        Assert.Equal(["vsvip/c1--red-web", "pool/c1--red-web-TCP-80", "l4policyset/c1--red-web", "virtualservice/c1--red-web"],
            tree.Desired.Select(d => d.Ref.ToString()));

        var vip = tree.Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal(("alb-vip", "172.16.251.0/24", (string?)null), (vip.NetworkName, vip.SubnetCidr, vip.PreferredIp));
        Assert.Equal(["web.red.ako.example.com"], vip.Fqdns);

        var pool = tree.Find<PoolSpec>("c1--red-web-TCP-80")!;
        Assert.Equal(["10.244.3.5:8080", "10.244.4.7:8080"], pool.Servers.Select(s => $"{s.Ip}:{s.Port}"));
        Assert.Equal(["System-TCP"], pool.HealthMonitors);
        Assert.Equal("ako-c1", pool.Meta.CreatedBy);
        Assert.Equal(["clustername=[c1]", "Namespace=[red]", "ServiceName=[web]", "Port=[80]"], pool.Meta.Markers.Select(m => m.ToString()));

        var rules = tree.Find<L4PolicySetSpec>("c1--red-web")!.Rules;
        Assert.Equal([new L4PoolRule(80, "TCP", "c1--red-web-TCP-80")], rules);

        var vs = tree.Find<VirtualServiceSpec>("c1--red-web")!;
        Assert.Equal((VirtualServiceSpec.Normal, "System-L4-Application", "System-TCP-Proxy"), (vs.VsType, vs.ApplicationProfile, vs.NetworkProfile));
        Assert.Equal([new VsServicePort(80)], vs.Services);
        Assert.Equal("c1--red-web", vs.VsVipName);
        Assert.Equal(["c1--red-web"], vs.L4PolicySets);
        Assert.Equal(new AviPlacement("Default-Cloud", "global", "Default-Group"), vs.Placement);
        // AKO's ServiceMetadataObj byte for byte (AMKO reads it); the vsvip carries the cluster marker only, as AKO's.
        Assert.Equal("""{"namespace_ingress_name":null,"ingress_name":"","namespace":"","hostnames":["web.red.ako.example.com"],"namespace_svc_name":["red/web"],"crd_status":{"type":"","value":"","status":""},"pool_ratio":0,"passthrough_parent_ref":"","passthrough_child_ref":"","gateway":"","httproute":"","insecureedgetermallow":false,"is_mci_ingress":false,"fqdn_reuse_policy":"","host_namespace_ingress_name":null}""",
            vs.Meta.ServiceMetadata);
        Assert.Equal(["clustername=[c1]"], vip.Meta.Markers.Select(m => m.ToString()));
        Assert.Equal(AkoServiceMetadata.Empty, pool.Meta.ServiceMetadata);
    }

    [Theory]
    [InlineData(new[] { "TCP" }, "System-TCP-Proxy", null)]
    [InlineData(new[] { "UDP" }, "System-UDP-Fast-Path", null)]
    [InlineData(new[] { "TCP", "UDP" }, "System-TCP-Proxy", "System-UDP-Fast-Path")]
    public void Protocols_choose_the_network_profile_and_udp_ports_of_a_mixed_vs_override_it(string[] protocols, string profile, string? udpOverride)
    {
        var ports = protocols.Select((p, i) => ((string?)null, p, 53 + i, 53 + i)).ToArray();
        var tree = Translate(Service(ports), []);

        var vs = tree.Find<VirtualServiceSpec>("c1--red-web")!;
        Assert.Equal(profile, vs.NetworkProfile);
        var udpPort = vs.Services.SingleOrDefault(s => protocols[s.Port - 53] == "UDP");
        Assert.Equal(udpOverride, udpPort?.OverrideNetworkProfile);
        Assert.Equal(protocols.Select((p, i) => $"c1--red-web-{p}-{53 + i}"), tree.Desired.OfType<PoolSpec>().Select(p => p.Name));
        Assert.Equal(protocols.Select(p => p == "UDP" ? "System-UDP" : "System-TCP"), tree.Desired.OfType<PoolSpec>().Select(p => p.HealthMonitors[0]));
    }

    [Theory]
    [InlineData(new[] { "TCP", "UDP" }, new[] { "53", "53/System-UDP-Fast-Path" }, "System-TCP-Proxy")]
    [InlineData(new[] { "UDP", "TCP" }, new[] { "53/System-UDP-Fast-Path", "53" }, "System-TCP-Proxy")]
    [InlineData(new[] { "UDP" }, new[] { "53" }, "System-UDP-Fast-Path")]
    public void A_port_served_over_tcp_and_udp_listens_once_per_protocol_in_the_services_order(string[] protocols, string[] listeners, string profile)
    {
        // A DNS-style Service: the same port number once per protocol (AKO's shop/dns in the recorded fixture).
        var ports = protocols.Select(p => ((string?)$"dns-{p.ToLowerInvariant()}", p, 53, 5353)).ToArray();
        var tree = Translate(Service(ports), [Slice(protocols.Select(p => ((string?)$"dns-{p.ToLowerInvariant()}", 5353, p)).ToArray(), Ready("10.244.3.5"))]);

        var vs = tree.Find<VirtualServiceSpec>("c1--red-web")!;
        Assert.Equal(listeners, vs.Services.Select(s => s.OverrideNetworkProfile is null ? $"{s.Port}" : $"{s.Port}/{s.OverrideNetworkProfile}"));
        Assert.Equal(profile, vs.NetworkProfile);
        Assert.Equal(protocols.Select(p => new L4PoolRule(53, p, $"c1--red-web-{p}-53")), tree.Find<L4PolicySetSpec>("c1--red-web")!.Rules);
        Assert.All(protocols, p => Assert.Equal(["10.244.3.5:5353"], Servers(tree, $"c1--red-web-{p}-53")));
        Assert.All(tree.Desired.OfType<PoolSpec>(), pool =>
            Assert.Equal(["clustername=[c1]", "Namespace=[red]", "ServiceName=[web]", "Port=[53]"], pool.Meta.Markers.Select(m => m.ToString())));
        Assert.Equal(["clustername=[c1]", "Namespace=[red]", "ServiceName=[web]", $"Protocol=[{string.Join(",", protocols.Order(StringComparer.Ordinal))}]"],
            tree.Find<L4PolicySetSpec>("c1--red-web")!.Meta.Markers.Select(m => m.ToString()));
    }

    [Theory]
    [InlineData("ENTERPRISE", new[] { "TCP" }, "System-TCP-Proxy")]
    [InlineData("ENTERPRISE_WITH_CLOUD_SERVICES", new[] { "TCP" }, "System-TCP-Proxy")]
    [InlineData("ESSENTIALS", new[] { "TCP" }, "System-TCP-Fast-Path")]
    [InlineData("BASIC", new[] { "TCP", "UDP" }, "System-TCP-Fast-Path")]
    [InlineData(null, new[] { "TCP" }, "System-TCP-Fast-Path")]
    [InlineData("BASIC", new[] { "UDP" }, "System-UDP-Fast-Path")]
    public void The_tcp_profile_follows_the_controllers_licence_tier_as_ako(string? tier, string[] protocols, string profile)
    {
        var ports = protocols.Select((p, i) => ((string?)null, p, 53 + i, 53 + i)).ToArray();
        var tree = L4ServiceTranslator.Translate(Service(ports), [], [], null, Context with { LicenseTier = tier });
        Assert.Equal(profile, tree.Find<VirtualServiceSpec>("c1--red-web")!.NetworkProfile);
    }

    [Theory]
    [InlineData("System-DNS", "System-DNS")]
    [InlineData(" Custom-L4 ", "Custom-L4")]
    [InlineData("", "System-L4-Application")]
    public void The_application_profile_annotation_names_the_vs_profile_as_ako_takes_it(string annotation, string profile)
    {
        var service = Service((null, "UDP", 53, 53)) with
        {
            Annotations = new LabelSet([KeyValuePair.Create(L4ServiceTranslator.ApplicationProfileAnnotation, annotation)]),
        };

        var vs = Translate(service, []).Desired.OfType<VirtualServiceSpec>().Single();

        Assert.Equal(profile, vs.ApplicationProfile);
    }

    [Fact]
    public void A_service_joining_a_shared_vip_gives_up_its_own_tree()
    {
        var service = Service((null, "TCP", 80, 80)) with
        {
            Annotations = new LabelSet([KeyValuePair.Create(L4ServiceTranslator.SharedVipAnnotation, "shared1")]),
        };

        Assert.Equal(TranslationOutcome.NotHandled, Translate(service, []).Outcome);
    }

    [Fact]
    public void Two_ports_get_two_pools_each_with_its_own_target_port_from_the_same_slice()
    {
        var tree = Translate(
            Service(("http", "TCP", 80, 8080), ("https", "TCP", 443, 8443)),
            [Slice([("http", 8080, "TCP"), ("https", 8443, "TCP")], Ready("10.244.3.5"))]);

        Assert.Equal(["10.244.3.5:8080"], Servers(tree, "c1--red-web-TCP-80"));
        Assert.Equal(["10.244.3.5:8443"], Servers(tree, "c1--red-web-TCP-443"));
        Assert.Equal([new L4PoolRule(80, "TCP", "c1--red-web-TCP-80"), new L4PoolRule(443, "TCP", "c1--red-web-TCP-443")],
            tree.Find<L4PolicySetSpec>("c1--red-web")!.Rules);
    }

    [Fact]
    public void Starting_pods_are_left_out_terminating_serving_pods_stay_disabled_and_duplicates_count_once()
    {
        var endpoints = new[]
        {
            Ready("10.244.3.9"),
            new EndpointSpec(new[] { "10.244.3.2" }.ToEquatableArray(), false, false, false, "n1"), // starting
            new EndpointSpec(new[] { "10.244.3.3" }.ToEquatableArray(), false, true, true, "n1"),   // draining
            new EndpointSpec(new[] { "10.244.3.4" }.ToEquatableArray(), false, false, true, "n1"),  // gone
            Ready("10.244.3.10"),
        };
        var tree = Translate(Service((null, "TCP", 80, 8080)),
            [Slice([(null, 8080, "TCP")], endpoints), Slice([(null, 8080, "TCP")], Ready("10.244.3.9")) with { Name = "web-2" }]);

        var pool = tree.Find<PoolSpec>("c1--red-web-TCP-80")!;
        Assert.Equal(["10.244.3.3:8080 (disabled)", "10.244.3.9:8080", "10.244.3.10:8080"], pool.Servers.Select(s => s.ToString()));
    }

    [Fact]
    public void Endpoints_that_name_no_port_of_the_service_leave_the_pool_empty_and_say_why()
    {
        var tree = Translate(Service(("http", "TCP", 80, 8080)), [Slice(("metrics", 9090, "TCP"), Ready("10.244.3.5"))]);

        Assert.Equal(TranslationOutcome.Desired, tree.Outcome);
        Assert.Empty(Servers(tree, "c1--red-web-TCP-80"));
        Assert.Equal("EndpointPortMismatch", Assert.Single(tree.Problems).Reason);
    }

    [Theory]
    [InlineData("SCTP", 80, "UnsupportedProtocol")]
    [InlineData("TCP", 0, "InvalidPort")]
    [InlineData("TCP", 70000, "InvalidPort")]
    public void Bad_ports_are_refused_with_a_reason_and_no_tree(string protocol, int port, string reason)
    {
        var tree = Translate(Service((null, protocol, port, 8080)), []);

        Assert.Equal(TranslationOutcome.Refused, tree.Outcome);
        Assert.Empty(tree.Desired);
        Assert.Contains(tree.Problems, p => p.Reason == reason && p.Message.Contains("red/web", StringComparison.Ordinal));
    }

    [Fact]
    public void Sctp_beside_tcp_serves_the_tcp_port_and_warns_about_the_sctp_one()
    {
        var tree = Translate(Service(("http", "TCP", 80, 8080), ("sig", "SCTP", 9000, 9000)), []);

        Assert.Equal(TranslationOutcome.Desired, tree.Outcome);
        Assert.Equal(["c1--red-web-TCP-80"], tree.Desired.OfType<PoolSpec>().Select(p => p.Name));
        var warning = Assert.Single(tree.Problems);
        Assert.Equal("UnsupportedProtocol", warning.Reason);
        Assert.Contains("9000/SCTP", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "IPv6" }, TranslationOutcome.Refused)]
    [InlineData(new[] { "IPv4", "IPv6" }, TranslationOutcome.Desired)]
    [InlineData(new[] { "IPv6", "IPv4" }, TranslationOutcome.Desired)]
    public void An_ipv6_family_on_a_network_without_v6cidr_gets_no_ipv4_vip_it_did_not_ask_for_and_a_warning_naming_the_fix(string[] families, TranslationOutcome outcome)
    {
        var tree = Translate(Service(("http", "TCP", 80, 8080)) with { IpFamilies = families.ToEquatableArray() }, []);

        Assert.Equal(outcome, tree.Outcome);
        var problem = Assert.Single(tree.Problems);
        Assert.Equal("IPv6Unsupported", problem.Reason);
        Assert.Contains("Add a v6cidr to the VIP network alb-vip", problem.Message, StringComparison.Ordinal);
        if (outcome == TranslationOutcome.Desired)
        {
            Assert.Equal(VipIpType.V4Only, tree.Find<VsVipSpec>("c1--red-web")!.IpType);
        }
    }

    [Theory]
    [InlineData("172.16.251")]
    [InlineData("10")]
    [InlineData("172.16.251.300")]
    public void A_requested_vip_that_is_not_four_dotted_numbers_is_refused(string requested)
    {
        var tree = Translate(Service(("http", "TCP", 80, 8080)) with { LoadBalancerIp = requested }, []);

        Assert.Equal(TranslationOutcome.Refused, tree.Outcome);
        Assert.Contains("not an IP address", Assert.Single(tree.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_without_ports_is_refused()
    {
        var tree = Translate(Service(), []);
        Assert.Equal("NoPorts", Assert.Single(tree.Problems).Reason);
    }

    [Fact]
    public void A_name_longer_than_the_controller_allows_is_refused_and_the_message_says_how_long()
    {
        var service = Service((null, "TCP", 80, 80)) with { Key = new ServiceKey("red", new string('w', 260)) };
        var tree = L4ServiceTranslator.Translate(service, [], [], null, Context);

        var problem = Assert.Single(tree.Problems);
        Assert.Equal("NameTooLong", problem.Reason);
        Assert.Contains("268 characters", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("172.16.251.50", null, "172.16.251.50")]
    [InlineData(null, "172.16.251.60", "172.16.251.60")]
    [InlineData("172.16.251.70", "172.16.251.60", "172.16.251.70")]
    public void A_preferred_vip_comes_from_load_balancer_ip_before_the_annotation_as_ako(string? loadBalancerIp, string? annotation, string expected)
    {
        var service = Service((null, "TCP", 80, 80)) with
        {
            LoadBalancerIp = loadBalancerIp,
            Annotations = annotation is null ? LabelSet.Empty : new LabelSet([new(L4ServiceTranslator.LoadBalancerIpAnnotation, annotation)]),
        };
        var vip = L4ServiceTranslator.Translate(service, [], [], null, Context).Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal(expected, vip.PreferredIp);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("not-an-ip")]
    public void A_preferred_vip_outside_the_vip_network_is_refused(string requested)
    {
        var tree = L4ServiceTranslator.Translate(Service((null, "TCP", 80, 80)) with { LoadBalancerIp = requested }, [], [], null, Context);
        Assert.Equal(TranslationOutcome.Refused, tree.Outcome);
        Assert.Equal("InvalidLoadBalancerIP", Assert.Single(tree.Problems).Reason);
    }

    [Theory]
    [InlineData(AutoFqdnMode.Default, "", "web.red.ako.example.com")]
    [InlineData(AutoFqdnMode.Flat, "", "web-red.ako.example.com")]
    [InlineData(AutoFqdnMode.Disabled, "", null)]
    [InlineData(AutoFqdnMode.Default, "shop.example.com,api.example.com", "shop.example.com")]
    public void Fqdns_follow_auto_fqdn_unless_external_dns_names_one(AutoFqdnMode mode, string annotated, string? expected)
    {
        var context = new TranslationContext(Settings with { AutoFqdn = mode }, new[] { ".ako.example.com" }.ToEquatableArray());
        var service = Service((null, "TCP", 80, 80)) with
        {
            Annotations = annotated.Length == 0 ? LabelSet.Empty : new LabelSet([new(L4ServiceTranslator.ExternalDnsHostnameAnnotation, annotated)]),
        };
        var vip = L4ServiceTranslator.Translate(service, [], [], null, context).Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal(expected, vip.Fqdns.FirstOrDefault());
    }

    [Theory]
    [InlineData("LoadBalancer", null, true, false, true)]
    [InlineData("LoadBalancer", "ako.vmware.com/avi-lb", false, false, true)]
    [InlineData("LoadBalancer", "other.io/lb", true, false, false)]
    [InlineData("LoadBalancer", null, false, false, false)]
    [InlineData("LoadBalancer", null, true, true, false)]
    [InlineData("ClusterIP", null, true, false, false)]
    [InlineData("ExternalName", null, true, false, false)]
    public void Which_services_are_handled(string type, string? lbClass, bool defaultLbController, bool layer7Only, bool handled)
    {
        var settings = Settings with { DefaultLbController = defaultLbController, Layer7Only = layer7Only };
        var service = Service((null, "TCP", 80, 80)) with { Type = type, LoadBalancerClass = lbClass };
        Assert.Equal(handled, L4ServiceTranslator.IsHandled(service, null, settings));
    }

    [Fact]
    public void Blocked_and_unselected_namespaces_are_not_handled()
    {
        var service = Service((null, "TCP", 80, 80));
        Assert.False(L4ServiceTranslator.IsHandled(service, null, Settings with { BlockedNamespaces = new[] { "red" }.ToEquatableArray() }));
        var selective = Settings with { NamespaceSelector = new LabelSelectorPair("ako", "yes") };
        Assert.False(L4ServiceTranslator.IsHandled(service, new NamespaceSnapshot("red", LabelSet.Empty), selective));
        Assert.True(L4ServiceTranslator.IsHandled(service, new NamespaceSnapshot("red", new LabelSet([new("ako", "yes")])), selective));
    }

    [Fact]
    public void NodePort_mode_uses_node_addresses_and_node_ports_of_selected_nodes()
    {
        var settings = Settings with { ServiceType = PoolServerMode.NodePort, NodePortSelector = new LabelSelectorPair("role", "edge") };
        var context = new TranslationContext(settings, EquatableArray<string>.Empty);
        var service = Service((null, "TCP", 80, 8080)) with
        {
            Ports = new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), 30664) }.ToEquatableArray(),
        };
        NodeSnapshot[] nodes = [Node("n1", "172.16.250.21", edge: true), Node("n2", "172.16.250.22", edge: false), Node("n3", "172.16.250.23", edge: true)];

        var tree = L4ServiceTranslator.Translate(service, [Slice([(null, 8080, "TCP")], Ready("10.244.3.5"))], nodes, null, context);
        Assert.Equal(["172.16.250.21:30664", "172.16.250.23:30664"], Servers(tree, "c1--red-web-TCP-80"));

        var local = L4ServiceTranslator.Translate(service with { ExternalTrafficPolicyLocal = true },
            [Slice([(null, 8080, "TCP")], Ready("10.244.3.5") with { NodeName = "n3" })], nodes, null, context);
        Assert.Equal(["172.16.250.23:30664"], Servers(local, "c1--red-web-TCP-80"));
    }

    [Fact]
    public void Deleted_or_missing_services_are_not_handled()
    {
        Assert.Equal(TranslationOutcome.NotHandled, L4ServiceTranslator.Translate(null, [], [], null, Context).Outcome);
        Assert.Equal(TranslationOutcome.NotHandled,
            L4ServiceTranslator.Translate(Service((null, "TCP", 80, 80)) with { IsDeleting = true }, [], [], null, Context).Outcome);
    }

    private static TreeTranslation Translate(ServiceSnapshot service, EndpointSliceSnapshot[] slices) =>
        L4ServiceTranslator.Translate(service, slices, [], null, Context);

    private static List<string> Servers(TreeTranslation tree, string pool) =>
        tree.Find<PoolSpec>(pool)!.Servers.Select(s => $"{s.Ip}:{s.Port}").ToList();

    private static ServiceSnapshot Service(params (string? Name, string Protocol, int Port, int Target)[] ports) =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            ports.Select(p => new ServicePortSpec(p.Name, p.Protocol, p.Port, PortReference.OfNumber(p.Target), null)).ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);

    private static EndpointSliceSnapshot Slice((string? Name, int Port, string Protocol) port, params EndpointSpec[] endpoints) =>
        Slice([port], endpoints);

    private static EndpointSliceSnapshot Slice((string? Name, int Port, string Protocol)[] ports, params EndpointSpec[] endpoints) =>
        new("red", "web-x1", "web", "IPv4", ports.Select(p => new EndpointPortSpec(p.Name, p.Port, p.Protocol)).ToEquatableArray(), endpoints.ToEquatableArray());

    private static EndpointSpec Ready(string ip) => new(new[] { ip }.ToEquatableArray(), true, true, false, "n1");

    private static NodeSnapshot Node(string name, string ip, bool edge) =>
        new(new NodeKey(name), name, edge ? new LabelSet([new("role", "edge")]) : LabelSet.Empty, LabelSet.Empty,
            EquatableArray<string>.Empty, new[] { new NodeAddressSpec("InternalIP", ip) }.ToEquatableArray());
}
