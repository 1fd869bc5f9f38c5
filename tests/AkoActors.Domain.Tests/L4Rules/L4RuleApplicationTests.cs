using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.L4Rules;

/// <summary>AKO's l4rule.md as tables: what an Accepted L4Rule sets on a Service's VS, VIP and pools (matched by port and
/// protocol), what the defaults are without one, and what its admission checks on the controller.</summary>
public class L4RuleApplicationTests
{
    private const string Vs = "c1--red-web";
    private const string TcpPool = "c1--red-web-TCP-80";
    private const string UdpPool = "c1--red-web-UDP-53";

    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    private static readonly TranslationContext Context = new(Settings, EquatableArray<string>.Empty) { LicenseTier = "ENTERPRISE" };

    [Fact]
    public void Without_a_rule_every_pool_has_the_controllers_defaults_managed_and_the_vs_is_untouched()
    {
        var plain = Translate(Service(("TCP", 80)), null);
        var tree = L4RuleApplication.Apply(plain, null);

        Assert.Equal(PoolRuleSettings.Default, tree.Find<PoolSpec>(TcpPool)!.Rules);
        Assert.Equal(["System-TCP"], tree.Find<PoolSpec>(TcpPool)!.HealthMonitors);
        Assert.Equal(plain.Find<VirtualServiceSpec>(Vs), tree.Find<VirtualServiceSpec>(Vs));
    }

    [Fact]
    public void A_rule_sets_the_vs_profiles_and_datascripts_and_the_pool_of_its_port_and_protocol_only()
    {
        var rule = Rule(Backend(80, "TCP") with
        {
            Algorithm = PoolRuleSettings.ConsistentHash,
            Hash = PoolRuleSettings.CustomHeaderHash,
            HashHeader = "X-Client",
            HealthMonitors = new[] { "hm-a", "hm-b" }.ToEquatableArray(),
            Persistence = "persist",
            SslProfile = "ssl",
            PkiProfile = "pki",
        }) with
        {
            ApplicationProfile = "l4-app",
            NetworkProfile = "System-TCP-Fast-Path",
            DataScripts = new[] { "ds-1", "ds-2" }.ToEquatableArray(),
        };

        var tree = L4RuleApplication.Apply(Translate(Service(("TCP", 80), ("UDP", 53)), rule), rule);

        var vs = tree.Find<VirtualServiceSpec>(Vs)!;
        Assert.Equal(("l4-app", "System-TCP-Fast-Path"), (vs.ApplicationProfile, vs.NetworkProfile));
        Assert.Equal(["ds-1", "ds-2"], vs.DataScriptSets);
        var tcp = tree.Find<PoolSpec>(TcpPool)!;
        Assert.Equal(["hm-a", "hm-b"], tcp.HealthMonitors);
        Assert.Equal(new PoolRuleSettings(PoolRuleSettings.ConsistentHash, PoolRuleSettings.CustomHeaderHash, "X-Client", "persist", "ssl", "pki", false), tcp.Rules);
        // The UDP port has no entry: its pool keeps the defaults.
        var udp = tree.Find<PoolSpec>(UdpPool)!;
        Assert.Equal((PoolRuleSettings.Default, "System-UDP"), (udp.Rules, udp.HealthMonitors.Single()));
        Assert.Empty(tree.Problems);
    }

    [Fact]
    public void A_rule_sets_the_l4_vs_fields_and_a_backends_pool_state_and_without_one_both_are_the_controllers_defaults()
    {
        var rule = Rule(Backend(80, "TCP") with { Enabled = false, MinServersUp = 2, SslKeyAndCertificate = "backend-cert", RealtimeMetrics = true }) with
        {
            AnalyticsProfile = "custom-analytics",
            NetworkSecurityPolicy = "allow-office",
            SecurityPolicy = "ddos-guard",
            ClientLogs = new L4ClientLogs(true, 30, 0),
            PerformanceLimits = new L4PerformanceLimits(105, null),
        };

        var tree = L4RuleApplication.Apply(Translate(Service(("TCP", 80)), rule), rule);

        Assert.Equal(new L4VirtualServiceSettings("custom-analytics", "allow-office", "ddos-guard", new L4ClientLogs(true, 30, 0), new L4PerformanceLimits(105, null), null, false),
            tree.Find<VirtualServiceSpec>(Vs)!.L4Rule);
        var pool = tree.Find<PoolSpec>(TcpPool)!.Rules!;
        Assert.Equal((false, (int?)2, "backend-cert", true), (pool.Enabled, pool.MinServersUp, pool.SslKeyAndCertificate, pool.RealtimeMetrics));

        var plain = L4RuleApplication.Apply(Translate(Service(("TCP", 80)), null), null);
        Assert.Equal(L4VirtualServiceSettings.Default, plain.Find<VirtualServiceSpec>(Vs)!.L4Rule);
        Assert.Equal(PoolRuleSettings.Default, plain.Find<PoolSpec>(TcpPool)!.Rules);
        Assert.Equal((true, (int?)null, (string?)null, false),
            (PoolRuleSettings.Default.Enabled, PoolRuleSettings.Default.MinServersUp, PoolRuleSettings.Default.SslKeyAndCertificate, PoolRuleSettings.Default.RealtimeMetrics));
    }

    [Fact]
    public void Naming_the_controllers_own_analytics_profile_writes_none_since_the_controller_applies_it_to_a_vs_naming_none()
    {
        var rule = Rule() with { AnalyticsProfile = AnalyticsProfiles.ControllerDefault };

        var tree = L4RuleApplication.Apply(Translate(Service(("TCP", 80)), rule), rule);

        Assert.Equal(L4VirtualServiceSettings.Default, tree.Find<VirtualServiceSpec>(Vs)!.L4Rule);
    }

    [Fact]
    public void An_ssl_listener_enables_ssl_on_its_service_entry_with_the_vs_certificates_and_ssl_profile_and_the_default_profile_becomes_ssl_application()
    {
        var named = Rule() with
        {
            ApplicationProfile = "l4-ssl-app",
            SslProfile = "l4-ssl",
            SslCertificates = new[] { "web-cert" }.ToEquatableArray(),
            Listeners = new[] { new L4RuleListener(443, "TCP", true) }.ToEquatableArray(),
        };
        var defaulted = Rule() with
        {
            ApplicationProfile = L4ServiceTranslator.L4ApplicationProfile,
            Listeners = new[] { new L4RuleListener(443, "TCP", true) }.ToEquatableArray(),
        };

        var vs = L4RuleApplication.Apply(Translate(Service(("TCP", 443)), named), named).Find<VirtualServiceSpec>(Vs)!;
        Assert.Equal([new VsServicePort(443, true)], vs.Services);
        Assert.Equal(("l4-ssl-app", "l4-ssl"), (vs.ApplicationProfile, vs.L4Rule!.SslProfile));
        Assert.Equal(["web-cert"], vs.SslCertificates);
        Assert.Equal(L4RuleApplication.SslApplicationProfile,
            L4RuleApplication.Apply(Translate(Service(("TCP", 443)), defaulted), defaulted).Find<VirtualServiceSpec>(Vs)!.ApplicationProfile);
    }

    [Theory]
    [InlineData(false, 8443)]
    [InlineData(true, 443, 80)]
    public void Listeners_that_do_not_describe_the_services_ports_exactly_leave_the_rule_unapplied_with_a_warning(bool ssl, params int[] servicePorts)
    {
        var rule = Rule(Backend(443, "TCP") with { Algorithm = "LB_ALGORITHM_ROUND_ROBIN" }) with
        {
            Listeners = new[] { new L4RuleListener(443, "TCP", ssl) }.ToEquatableArray(),
            PerformanceLimits = new L4PerformanceLimits(5, null),
            LoadBalancerIp = "172.16.251.77",
        };
        var service = Service(servicePorts.Select(p => ("TCP", p)).ToArray());

        var tree = L4RuleApplication.Apply(Translate(service, rule), rule);

        Assert.Null(tree.Desired.OfType<VsVipSpec>().Single().PreferredIp);
        Assert.Equal("L4RuleListenerNotMatched", Assert.Single(tree.Problems).Reason);
        Assert.Equal(L4VirtualServiceSettings.Default, tree.Find<VirtualServiceSpec>(Vs)!.L4Rule);
        Assert.All(tree.Desired.OfType<PoolSpec>(), p => Assert.Equal(PoolRuleSettings.Default, p.Rules));
    }

    [Fact]
    public void Revoke_vip_route_is_admitted_on_an_nsxt_cloud_only_and_then_written_on_the_vs()
    {
        var rule = Rule() with { RevokeVipRoute = true };

        Assert.Null(L4RuleValidation.CloudProblem(rule, new AviCloudType(AviCloudType.NsxT, "OVERLAY")));
        Assert.Equal("revokeVipRoute is supported on NSX-T clouds only, and the cloud is CLOUD_VCENTER; remove revokeVipRoute",
            L4RuleValidation.CloudProblem(rule, new AviCloudType(AviCloudType.VCenter)));
        Assert.Null(L4RuleValidation.CloudProblem(Rule(), new AviCloudType(AviCloudType.VCenter)));
        Assert.True(L4RuleApplication.Apply(Translate(Service(("TCP", 80)), rule), rule).Find<VirtualServiceSpec>(Vs)!.L4Rule!.RevokeVipRoute);
    }

    [Fact]
    public void Admission_wants_an_ssl_application_profile_with_an_ssl_listener_the_vs_ssl_fields_only_with_one_and_the_tcp_proxy_under_it()
    {
        var listener = new[] { new L4RuleListener(443, "TCP", true) }.ToEquatableArray();
        var ssl = Rule() with
        {
            ApplicationProfile = "l4-ssl-app", SslProfile = "l4-ssl", SslCertificates = new[] { "web-cert" }.ToEquatableArray(), Listeners = listener,
        };

        Assert.Null(L4RuleValidation.ClusterProblem(ssl));
        Assert.Equal(
        [
            new AviReferenceCheck("applicationprofile", "l4-ssl-app", "applicationProfileRef", "APPLICATION_PROFILE_TYPE_SSL"),
            new AviReferenceCheck("sslprofile", "l4-ssl", "sslProfileRef"),
            new AviReferenceCheck("sslkeyandcertificate", "web-cert", "sslKeyAndCertificateRefs"),
        ], L4RuleValidation.AviReferences(ssl));
        // The VS's SSL fields without an SSL listener, or with only the CRD's default application profile.
        Assert.StartsWith("sslProfileRef and sslKeyAndCertificateRefs apply only", L4RuleValidation.ClusterProblem(ssl with { Listeners = EquatableArray<L4RuleListener>.Empty }));
        Assert.StartsWith("sslProfileRef and sslKeyAndCertificateRefs apply only", L4RuleValidation.ClusterProblem(ssl with { ApplicationProfile = "System-L4-Application" }));
        Assert.Contains("networkProfileRef is System-TCP-Fast-Path",
            L4RuleValidation.ClusterProblem(Rule() with { Listeners = listener, NetworkProfile = "System-TCP-Fast-Path" }));
        Assert.Null(L4RuleValidation.ClusterProblem(Rule() with { Listeners = listener, NetworkProfile = "System-TCP-Proxy" }));
    }

    [Theory]
    [InlineData(PoolRuleSettings.ConsistentHash, "LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS", "X-Ignored", "LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS", null)]
    [InlineData("LB_ALGORITHM_ROUND_ROBIN", "LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS", null, null, null)]
    [InlineData(null, null, null, null, null)]
    public void A_hash_applies_only_with_consistent_hashing_and_a_header_only_with_header_hashing(
        string? algorithm, string? hash, string? header, string? expectedHash, string? expectedHeader)
    {
        var rule = Rule(Backend(80, "TCP") with { Algorithm = algorithm, Hash = hash, HashHeader = header });

        var rules = L4RuleApplication.Apply(Translate(Service(("TCP", 80)), rule), rule).Find<PoolSpec>(TcpPool)!.Rules!;

        Assert.Equal((algorithm ?? PoolRuleSettings.DefaultAlgorithm, expectedHash, expectedHeader), (rules.Algorithm, rules.Hash, rules.HashHeader));
    }

    [Fact]
    public void The_crds_default_tcp_proxy_profile_is_not_put_on_a_udp_only_service_but_a_named_udp_profile_is()
    {
        var defaulted = Rule() with { NetworkProfile = L4ServiceTranslator.TcpNetworkProfile };
        var named = Rule() with { NetworkProfile = "System-UDP-Per-Pkt" };

        Assert.Equal(L4ServiceTranslator.UdpNetworkProfile,
            L4RuleApplication.Apply(Translate(Service(("UDP", 53)), defaulted), defaulted).Find<VirtualServiceSpec>(Vs)!.NetworkProfile);
        Assert.Equal("System-UDP-Per-Pkt", L4RuleApplication.Apply(Translate(Service(("UDP", 53)), named), named).Find<VirtualServiceSpec>(Vs)!.NetworkProfile);
    }

    [Fact]
    public void The_rules_load_balancer_ip_is_the_vip_asked_for_and_is_checked_like_the_services_own()
    {
        var inside = Rule() with { LoadBalancerIp = "172.16.251.77" };
        var outside = Rule() with { LoadBalancerIp = "10.9.9.9" };
        var service = Service(("TCP", 80)) with { LoadBalancerIp = "172.16.251.5" };

        Assert.Equal("172.16.251.77", Translate(service, inside).Desired.OfType<VsVipSpec>().Single().PreferredIp);
        var refused = Translate(service, outside);
        Assert.Equal(TranslationOutcome.Refused, refused.Outcome);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("InvalidLoadBalancerIP", problem.Reason);
        // The rule's field, not the Service's own, is named as the one to fix.
        Assert.Contains($"asks for VIP 10.9.9.9 (spec.loadBalancerIP of L4Rule {outside.Key})", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"remove the request in L4Rule {outside.Key}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_ipv6_load_balancer_ip_asks_that_address_as_the_ipv6_vip_of_a_service_asking_ipv6()
    {
        var dualStack = new TranslationContext(Settings with
        {
            VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray(),
        }, EquatableArray<string>.Empty);
        var rule = Rule() with { LoadBalancerIp = "2001:db8:251::77" };
        var service = Service(("TCP", 80)) with { IpFamilies = new[] { "IPv6" }.ToEquatableArray() };

        var vip = L4ServiceTranslator.Translate(L4RuleApplication.Requested(service, rule), [], [], null, dualStack).Desired.OfType<VsVipSpec>().Single();

        Assert.Equal(("2001:db8:251::77", VipIpType.V6Only), (vip.PreferredIp, vip.IpType));
    }

    [Fact]
    public void A_backend_entry_matching_no_service_port_is_a_warning_naming_it()
    {
        var rule = Rule(Backend(8080, "TCP"), Backend(80, "UDP"));

        var tree = L4RuleApplication.Apply(Translate(Service(("TCP", 80)), rule), rule);

        var problem = Assert.Single(tree.Problems);
        Assert.Equal("L4RuleBackendNotMatched", problem.Reason);
        Assert.Contains("8080/TCP, 80/UDP", problem.Message);
        Assert.Equal(PoolRuleSettings.Default, tree.Find<PoolSpec>(TcpPool)!.Rules);
    }

    [Fact]
    public void Admission_checks_every_named_object_with_the_field_naming_it_and_refuses_a_pool_given_twice()
    {
        var rule = Rule(Backend(80, "TCP") with
        {
            HealthMonitors = new[] { "hm" }.ToEquatableArray(), Persistence = "p", SslProfile = "s", PkiProfile = "k", SslKeyAndCertificate = "c",
        }) with
        {
            ApplicationProfile = "app", NetworkProfile = "net", AnalyticsProfile = "an", NetworkSecurityPolicy = "nsp",
            DataScripts = new[] { "ds" }.ToEquatableArray(), SecurityPolicy = "sp",
        };

        Assert.Equal(
        [
            new AviReferenceCheck("applicationprofile", "app", "applicationProfileRef", "APPLICATION_PROFILE_TYPE_L4"),
            new AviReferenceCheck("networkprofile", "net", "networkProfileRef"),
            new AviReferenceCheck("analyticsprofile", "an", "analyticsProfileRef"),
            new AviReferenceCheck("networksecuritypolicy", "nsp", "networkSecurityPolicyRef"),
            new AviReferenceCheck("securitypolicy", "sp", "securityPolicyRef"),
            new AviReferenceCheck("vsdatascriptset", "ds", "vsDatascriptRefs"),
            new AviReferenceCheck("healthmonitor", "hm", "backendProperties[80/TCP].healthMonitorRefs"),
            new AviReferenceCheck("applicationpersistenceprofile", "p", "backendProperties[80/TCP].applicationPersistenceProfileRef"),
            new AviReferenceCheck("sslprofile", "s", "backendProperties[80/TCP].sslProfileRef"),
            new AviReferenceCheck("pkiprofile", "k", "backendProperties[80/TCP].pkiProfileRef"),
            new AviReferenceCheck("sslkeyandcertificate", "c", "backendProperties[80/TCP].sslKeyAndCertificateRef"),
        ], L4RuleValidation.AviReferences(rule));
        Assert.Null(L4RuleValidation.ClusterProblem(rule));
        Assert.Equal("backendProperties names port 80/TCP more than once; merge its settings into one entry",
            L4RuleValidation.ClusterProblem(Rule(Backend(80, "TCP"), Backend(80, "TCP") with { Algorithm = "LB_ALGORITHM_ROUND_ROBIN" })));
        Assert.StartsWith("backendProperties[80/TCP].healthMonitorCrdRefs names HealthMonitor resources",
            L4RuleValidation.ClusterProblem(Rule(Backend(80, "TCP") with { HealthMonitorCrdRefs = new[] { "my-health-monitor" }.ToEquatableArray() })));
    }

    [Theory]
    [InlineData("web-rule", "web-rule")]
    [InlineData(" web-rule ", "web-rule")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_service_names_its_rule_with_the_l4rule_annotation(string? value, string? expected)
    {
        var service = Service(("TCP", 80));
        if (value is not null) service = service with { Annotations = new LabelSet([new(L4RuleSnapshot.ServiceAnnotation, value)]) };

        Assert.Equal(expected, L4RuleApplication.RuleNameOf(service));
    }

    private static TreeTranslation Translate(ServiceSnapshot service, L4RuleSnapshot? rule) =>
        L4ServiceTranslator.Translate(L4RuleApplication.Requested(service, rule), [], [], null, Context);

    private static ServiceSnapshot Service(params (string Protocol, int Port)[] ports) =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            ports.Select(p => new ServicePortSpec(null, p.Protocol, p.Port, PortReference.OfNumber(p.Port), null)).ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);

    private static L4RuleBackend Backend(int port, string protocol) =>
        new(port, protocol, null, null, null, EquatableArray<string>.Empty, null, null, null, null);

    private static L4RuleSnapshot Rule(params L4RuleBackend[] backends) =>
        new(new L4RuleKey("red", "web-rule"), "uid-r", null, null, null, null, EquatableArray<string>.Empty, null, backends.ToEquatableArray(),
            EquatableArray<string>.Empty, RuleStatus.Accepted) { Generation = 1, DecidedGeneration = 1 };
}
