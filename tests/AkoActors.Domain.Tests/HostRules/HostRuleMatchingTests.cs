using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Kubernetes;
using AkoActors.Testing.Cluster;
using static AkoActors.Domain.Tests.HostRules.HostRuleSamples;

namespace AkoActors.Domain.Tests.HostRules;

/// <summary>AKO's hostrule.md, "HostRule to VS matching using fqdn/fqdnType", and admission ("Duplicate FQDN rules",
/// aliases, Secret certificates) as tables.</summary>
public class HostRuleMatchingTests
{
    [Theory]
    [InlineData("foo.avi.internal", HostRuleFqdnType.Exact, "foo.avi.internal", true)]
    [InlineData("foo.avi.internal", HostRuleFqdnType.Exact, "FOO.avi.internal", true)]
    [InlineData("foo.avi.internal", HostRuleFqdnType.Exact, "bar.foo.avi.internal", false)]
    [InlineData("*.alb.vmware.com", HostRuleFqdnType.Wildcard, "a.alb.vmware.com", true)]
    [InlineData("*.alb.vmware.com", HostRuleFqdnType.Wildcard, "a.b.alb.vmware.com", true)]
    [InlineData("*.alb.vmware.com", HostRuleFqdnType.Wildcard, "alb.vmware.com", false)]
    [InlineData("*.alb.vmware.com", HostRuleFqdnType.Wildcard, "a.alb.vmware.org", false)]
    [InlineData("Shared-VS-L7-1", HostRuleFqdnType.Contains, "c1--Shared-VS-L7-1.admin.avi.com", true)]
    [InlineData("shop", HostRuleFqdnType.Contains, "myshop.example.com", true)]
    [InlineData("shop", HostRuleFqdnType.Contains, "store.example.com", false)]
    public void The_fqdn_selects_hosts_by_its_fqdn_type(string fqdn, HostRuleFqdnType type, string host, bool selected) =>
        Assert.Equal(selected, Rule("r", fqdn, type).Selects(host));

    [Fact]
    public void Of_several_accepted_rules_the_exact_one_wins_then_the_longer_wildcard_then_contains()
    {
        var contains = Rule("contains", "shop", HostRuleFqdnType.Contains, ageMinutes: 30);
        var broad = Rule("broad", "*.example.com", HostRuleFqdnType.Wildcard, ageMinutes: 20);
        var narrow = Rule("narrow", "*.shop.example.com", HostRuleFqdnType.Wildcard, ageMinutes: 10);
        var exact = Rule("exact", "www.shop.example.com");
        var rejected = Rule("rejected", "www.shop.example.com", status: RuleStatus.Rejected("x"), ageMinutes: 60);

        Assert.Equal("exact", HostRuleSelection.For("www.shop.example.com", [contains, broad, narrow, exact, rejected])!.Key.Name);
        Assert.Equal("narrow", HostRuleSelection.For("api.shop.example.com", [contains, broad, narrow, exact])!.Key.Name);
        Assert.Equal("broad", HostRuleSelection.For("www.example.com", [contains, broad, narrow, exact])!.Key.Name);
        Assert.Equal("contains", HostRuleSelection.For("shop.example.org", [contains, broad, narrow, exact])!.Key.Name);
        Assert.Null(HostRuleSelection.For("www.shop.example.com", [rejected]));
    }

    [Fact]
    public void A_second_rule_for_an_fqdn_is_rejected_naming_the_older_one_in_any_namespace()
    {
        var cluster = new InMemoryClusterState();
        var older = Rule("first", "foo.avi.internal", ageMinutes: 10, ns: "red");
        var newer = Rule("secure-waf-policy-alt", "foo.avi.internal", ageMinutes: 5);

        Assert.Null(HostRuleValidation.ClusterProblem(older, [older, newer], cluster));
        Assert.Equal("duplicate fqdn foo.avi.internal found in red/first", HostRuleValidation.ClusterProblem(newer, [older, newer], cluster));
    }

    [Theory]
    [InlineData("foo.com", HostRuleFqdnType.Wildcard, new string[0], "must start with '*' for fqdnType Wildcard")]
    [InlineData("*.foo.com", HostRuleFqdnType.Wildcard, new[] { "bar.com" }, "aliases need fqdnType Exact")]
    [InlineData("foo.com", HostRuleFqdnType.Exact, new[] { "foo.com" }, "aliases must not contain the fqdn foo.com itself")]
    [InlineData("foo.com", HostRuleFqdnType.Exact, new[] { "bar.com", "BAR.com" }, "alias bar.com appears more than once")]
    public void Fqdn_types_and_aliases_that_do_not_fit_are_rejected(string fqdn, HostRuleFqdnType type, string[] aliases, string expected)
    {
        var rule = Rule("r", fqdn, type) with { Aliases = aliases.ToEquatableArray() };

        Assert.Contains(expected, HostRuleValidation.ClusterProblem(rule, [rule], new InMemoryClusterState()));
    }

    [Fact]
    public void A_certificate_secret_must_exist_in_the_hostrules_namespace()
    {
        var cluster = new InMemoryClusterState();
        var rule = Rule("r", "foo.com") with { Tls = new HostRuleTls(new CertificateSource("foo-tls", IsSecret: true), null, null, "edge") };

        Assert.Contains("TLS Secret default/foo-tls", HostRuleValidation.ClusterProblem(rule, [rule], cluster));
        cluster.Secrets[("default", "foo-tls")] = TlsSecretSnapshot.FromPem("default", "foo-tls", "kubernetes.io/tls", "CERT", "KEY");
        Assert.Null(HostRuleValidation.ClusterProblem(rule, [rule], cluster));
    }

    [Fact]
    public void Every_named_avi_object_is_checked_with_the_field_that_names_it()
    {
        var rule = Rule("r", "foo.com") with
        {
            Tls = new HostRuleTls(new CertificateSource("avi-cert", false), new CertificateSource("avi-cert-2", false), "avi-ssl", "edge"),
            HttpPolicySets = new[] { "p1", "p2" }.ToEquatableArray(),
            WafPolicy = "waf",
            ApplicationProfile = "app",
            AnalyticsProfile = "analytics",
            ErrorPageProfile = "errors",
            IcapProfiles = new[] { "icap" }.ToEquatableArray(),
            NetworkSecurityPolicy = "nsp",
            DataScripts = new[] { "ds" }.ToEquatableArray(),
        };

        Assert.Equal(
        [
            "sslkeyandcertificate avi-cert tls.sslKeyCertificate", "sslkeyandcertificate avi-cert-2 tls.sslKeyCertificate", "sslprofile avi-ssl tls.sslProfile",
            "httppolicyset p1 httpPolicy.policySets", "httppolicyset p2 httpPolicy.policySets", "wafpolicy waf wafPolicy",
            "applicationprofile app applicationProfile", "analyticsprofile analytics analyticsProfile", "errorpageprofile errors errorPageProfile",
            "icapprofile icap icapProfile", "networksecuritypolicy nsp networkSecurityPolicy", "vsdatascriptset ds datascripts",
        ], HostRuleValidation.AviReferences(rule).Select(c => $"{c.Type} {c.Name} {c.Field}"));
        Assert.Equal("APPLICATION_PROFILE_TYPE_HTTP", HostRuleValidation.AviReferences(rule).Single(c => c.Type == "applicationprofile").RequiredKind);
    }
}
