using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Tests.Translation;
using AkoActors.Domain.Translation.L7;
using static AkoActors.Domain.Tests.HostRules.HostRuleSamples;

namespace AkoActors.Domain.Tests.HostRules;

/// <summary>What an Accepted HostRule changes on a shared VS tree (AKO's hostrule.md), and what it leaves alone.</summary>
public class HostRuleApplicationTests
{
    private const string Host = "secure.ako.example.com";

    [Fact]
    public void An_accepted_rule_sets_the_sni_childs_host_fields_and_appends_its_policy_sets_after_ours()
    {
        var (world, ingress) = SecureWorld();
        world.Cluster.HostRules[new("default", "r")] = Rule("r", Host) with
        {
            EnableVirtualHost = false,
            WafPolicy = "waf",
            ApplicationProfile = "app",
            AnalyticsProfile = "analytics",
            ErrorPageProfile = "errors",
            IcapProfiles = new[] { "icap" }.ToEquatableArray(),
            NetworkSecurityPolicy = "nsp",
            HttpPolicySets = new[] { "team" }.ToEquatableArray(),
            DataScripts = new[] { "ds" }.ToEquatableArray(),
            Aliases = new[] { "www.secure.ako.example.com" }.ToEquatableArray(),
            AnalyticsPolicy = new HostRuleAnalyticsPolicy(true, "MEDIUM", 0, true),
        };

        var child = Child(world, ingress);

        Assert.Equal(new VirtualHostSettings(false, null, "waf", "analytics", "errors", new[] { "icap" }.ToEquatableArray(), "nsp",
            new VirtualHostAnalyticsPolicy(true, 30, 0, true)), child.VirtualHost);
        Assert.Equal("app", child.ApplicationProfile);
        Assert.Equal(["c1--default-secure.ako.example.com", "team"], child.HttpPolicySets);
        Assert.Equal(["ds"], child.DataScriptSets);
        Assert.Equal([Host, "www.secure.ako.example.com"], child.DomainNames);
    }

    [Fact]
    public void Overwrite_keeps_only_the_rules_policy_sets()
    {
        var (world, ingress) = SecureWorld();
        world.Cluster.HostRules[new("default", "r")] = Rule("r", Host) with
        {
            HttpPolicySets = new[] { "team" }.ToEquatableArray(), OverwriteHttpPolicySets = true,
        };

        Assert.Equal(["team"], Child(world, ingress).HttpPolicySets);
    }

    [Fact]
    public void A_rejected_rule_or_none_leaves_the_defaults()
    {
        var (world, ingress) = SecureWorld();
        var defaults = Child(world, ingress);
        world.Cluster.HostRules[new("default", "r")] = Rule("r", Host, status: RuleStatus.Rejected("wafpolicy missing")) with { WafPolicy = "missing" };

        Assert.Equal(VirtualHostSettings.Default, defaults.VirtualHost);
        Assert.Equal(defaults, Child(world, ingress));
    }

    [Fact]
    public void A_rule_certificate_replaces_the_ingress_secret_and_its_ssl_profile_defaults_to_system_standard_pfs()
    {
        var (world, ingress) = SecureWorld();
        world.Cluster.HostRules[new("default", "r")] = Rule("r", Host) with
        {
            Tls = new HostRuleTls(new CertificateSource("avi-cert", IsSecret: false), null, null, "edge"),
        };

        var shard = Shard(world, ingress);
        var child = shard.Tree.Find<VirtualServiceSpec>("c1--" + Host)!;

        Assert.Equal(["avi-cert"], child.SslCertificates);
        Assert.Equal("System-Standard-PFS", child.VirtualHost!.SslProfile);
        Assert.Null(shard.Tree.Find<SslCertificateSpec>("c1--" + Host));
    }

    [Fact]
    public void A_rule_certificate_from_a_secret_becomes_our_certificate_object_for_the_host()
    {
        var (world, ingress) = SecureWorld();
        world.Cluster.Secrets[("default", "rule-tls")] = TlsSecretSnapshot.FromPem("default", "rule-tls", "kubernetes.io/tls", "RULE-CERT", "RULE-KEY");
        world.Cluster.HostRules[new("default", "r")] = Rule("r", Host) with
        {
            Tls = new HostRuleTls(new CertificateSource("rule-tls", IsSecret: true), null, "avi-ssl", "edge"),
        };

        var shard = Shard(world, ingress);

        Assert.Equal("RULE-CERT", shard.Tree.Find<SslCertificateSpec>("c1--" + Host)!.CertificatePem);
        Assert.Equal("avi-ssl", shard.Tree.Find<VirtualServiceSpec>("c1--" + Host)!.VirtualHost!.SslProfile);
    }

    [Fact]
    public void A_rule_for_an_insecure_host_changes_nothing_and_tells_the_ingress()
    {
        var world = new L7World().Service("web", "10.244.3.9");
        var ingress = world.Ingress("plain", 1, ("plain.ako.example.com", "/", "web"));
        var before = Shard(world, ingress).Tree;
        world.Cluster.HostRules[new("default", "r")] = Rule("r", "plain.ako.example.com") with { WafPolicy = "waf" };

        var shard = Shard(world, ingress);

        Assert.Equal(before, shard.Tree);
        var problem = Assert.Single(shard.Verdicts[ingress.Key].Problems);
        Assert.Equal("HostRuleNotApplied", problem.Reason);
        Assert.Contains("default/r", problem.Message);
    }

    [Fact]
    public void The_parent_and_l4_virtual_services_leave_the_host_fields_unmanaged()
    {
        var (world, ingress) = SecureWorld();

        var parent = Shard(world, ingress).Tree.Find<VirtualServiceSpec>("c1--Shared-L7-0")!;
        var read = parent with { VirtualHost = new VirtualHostSettings(true, null, "hand-set-waf", null, null, EquatableArray<string>.Empty, null, null) };

        Assert.Null(parent.VirtualHost);
        Assert.True(parent.IsSatisfiedBy(read));
    }

    private static (L7World World, IngressSnapshot Ingress) SecureWorld()
    {
        var world = new L7World().Service("web", "10.244.3.9").Secret("web-tls");
        return (world, world.Ingress("web", 1, ([Host], "web-tls"), (Host, "/", "web")));
    }

    private static VirtualServiceSpec Child(L7World world, IngressSnapshot ingress) => Shard(world, ingress).Tree.Find<VirtualServiceSpec>("c1--" + Host)!;

    private static ShardTranslation Shard(L7World world, IngressSnapshot ingress) =>
        SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", IngressTranslator.Translate(ingress, world.Cluster, world.Context).ByVirtualService.Values,
            world.Cluster, world.Context);

    [Fact]
    public void An_edit_not_yet_checked_keeps_the_version_applied_before_and_a_rejected_one_withdraws_it()
    {
        var applied = new AppliedRules<HostRuleSnapshot>();
        var accepted = Rule("r", Host) with { WafPolicy = "waf", Generation = 1, DecidedGeneration = 1 };
        var edited = accepted with { WafPolicy = "missing-waf", Generation = 2 };

        Assert.Equal([accepted], applied.Resolve([accepted]));
        Assert.Equal([accepted], applied.Resolve([edited]));
        Assert.Empty(applied.Resolve([edited with { Status = RuleStatus.Rejected("wafpolicy missing"), DecidedGeneration = 2 }]));
        Assert.Empty(new AppliedRules<HostRuleSnapshot>().Resolve([edited]));
    }
}
