using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>ako-behaviour.md §2 and §4 as tables: shard choice, names, path order and match criteria, shared-VS trees.</summary>
public class L7TranslationTests
{
    [Theory]
    [InlineData("nginx1.ako.example.com", 1u, 0)]
    [InlineData("nginx1.ako.example.com", 4u, 2)]
    [InlineData("nginx1.ako.example.com", 8u, 6)]
    [InlineData("httpd1.ako.example.com", 4u, 2)]
    [InlineData("httpd1.ako.example.com", 8u, 2)]
    [InlineData("foo.com", 8u, 0)]
    [InlineData("münchen.example", 8u, 7)]
    [InlineData("münchen.example", 4u, 3)]
    public void A_host_goes_to_the_shard_fnv1a_32_of_its_utf8_bytes_says(string host, uint shards, int expected) =>
        Assert.Equal(expected, AviNames.ShardIndex(host, shards));

    [Theory]
    [InlineData("foo.com", "/bar", "default", "ing1", "c1--foo.com_bar-default-ing1")]
    [InlineData("foo.com", "/", "default", "ing1", "c1--foo.com_-default-ing1")]
    [InlineData("nginx1.ako.example.com", "/api/v1", "shop", "web", "c1--nginx1.ako.example.com_api_v1-shop-web")]
    public void Insecure_pool_names_are_akos_byte_for_byte(string host, string path, string ns, string ingress, string expected) =>
        Assert.Equal(expected, new AviNames("c1").InsecurePool(host, path, ns, ingress));

    [Fact]
    public void Tls_names_are_akos_byte_for_byte()
    {
        var names = new AviNames("c1");
        Assert.Equal("c1--Shared-L7-3", names.SharedL7VirtualService(3));
        Assert.Equal("c1--secure.example.com", names.SniChild("secure.example.com"));
        Assert.Equal("c1--secure.example.com", names.Certificate("secure.example.com"));
        Assert.Equal("c1--shop-secure.example.com_cart-web", names.SniPool("shop", "secure.example.com", "/cart", "web"));
        Assert.Equal("c1--shop-secure.example.com", names.SniHttpPolicySet("shop", "secure.example.com"));
        Assert.True(names.IsSharedL7VirtualService("c1--Shared-L7-7"));
        Assert.False(names.IsSharedL7VirtualService("c1--Shared-L7-x"));
    }

    [Fact]
    public void Two_ingresses_on_one_shard_build_one_parent_vsvip_with_both_names_and_a_pool_each()
    {
        var world = new L7World().Service("nginx1", "10.244.3.2").Service("httpd1", "10.244.4.2");
        var nginx = world.Ingress("nginx1-ingress", 10, ("nginx1.ako.example.com", "/", "nginx1"));
        var httpd = world.Ingress("httpd1-ingress", 5, ("httpd1.ako.example.com", "/", "httpd1"));

        var shard = Shard(world, nginx, httpd);

        var tree = shard.Tree.Desired.Select(d => d.Ref.ToString()).Order().ToList();
        Assert.Equal(
        [
            "httppolicyset/c1--Shared-L7-0",
            "pool/c1--httpd1.ako.example.com_-default-httpd1-ingress",
            "pool/c1--nginx1.ako.example.com_-default-nginx1-ingress",
            "virtualservice/c1--Shared-L7-0",
            "vsvip/c1--Shared-L7-0",
        ], tree);
        var parent = shard.Tree.Find<VirtualServiceSpec>("c1--Shared-L7-0")!;
        Assert.Equal((VirtualServiceSpec.VhParent, "System-HTTP"), (parent.VsType, parent.ApplicationProfile));
        Assert.Equal([new VsServicePort(80), new VsServicePort(443, EnableSsl: true)], parent.Services);
        // AKO's shard FQDN first (<vs>.<tenant>.<sub-domain>), then the hosts.
        Assert.Equal(["c1--Shared-L7-0.admin.ako.example.com", "httpd1.ako.example.com", "nginx1.ako.example.com"], shard.Tree.Find<VsVipSpec>("c1--Shared-L7-0")!.Fqdns);
        Assert.Equal(["10.244.3.2:8080"], shard.Tree.Find<PoolSpec>("c1--nginx1.ako.example.com_-default-nginx1-ingress")!.Servers.Select(s => $"{s.Ip}:{s.Port}"));
        Assert.Equal(["nginx1.ako.example.com"], shard.Verdicts[nginx.Key].ServedHosts);
        Assert.Empty(shard.Verdicts[nginx.Key].Problems);
    }

    [Fact]
    public void Paths_are_matched_exact_first_then_longest_prefix_first()
    {
        var world = new L7World().Service("web");
        var ingress = world.Ingress("ing", 1, ("a.ako.example.com", "/", "web"), ("a.ako.example.com", "/api", "web"), ("a.ako.example.com", "/api/v2", "web"));
        ingress = ingress with
        {
            Rules = new[]
            {
                new IngressRuleSpec("a.ako.example.com", ingress.Rules[0].Paths.Append(new IngressPathSpec("/health", "Exact",
                    new IngressBackendSpec("web", PortReference.OfNumber(80)))).ToEquatableArray()),
            }.ToEquatableArray(),
        };
        world.Cluster.Ingresses[ingress.Key] = ingress;

        var rules = Shard(world, ingress).Tree.Find<HttpPolicySetSpec>("c1--Shared-L7-0")!.Rules;

        Assert.Equal(
            [("EQUALS", "/health"), ("BEGINS_WITH", "/api/v2"), ("BEGINS_WITH", "/api"), ("BEGINS_WITH", "/")],
            rules.Select(r => (r.Path!.Criteria, r.Path.Path)));
        Assert.All(rules, r => Assert.Equal(new HttpHostMatch(HttpHostMatch.EqualsCriteria, "a.ako.example.com"), r.Host));
    }

    [Fact]
    public void The_same_host_and_path_from_two_ingresses_keeps_both_and_warns_the_newer()
    {
        var world = new L7World().Service("old").Service("new");
        var older = world.Ingress("older", 60, ("shop.ako.example.com", "/", "old"));
        var newer = world.Ingress("newer", 1, ("shop.ako.example.com", "/", "new"));

        var shard = Shard(world, newer, older);

        var rules = shard.Tree.Find<HttpPolicySetSpec>("c1--Shared-L7-0")!.Rules;
        Assert.Equal(["c1--shop.ako.example.com_-default-older", "c1--shop.ako.example.com_-default-newer"],
            rules.Select(r => ((HttpPolicyAction.SwitchToPool)r.Action).PoolName));
        Assert.Equal("DuplicateHostPath", Assert.Single(shard.Verdicts[newer.Key].Problems).Reason);
        Assert.Empty(shard.Verdicts[older.Key].Problems);
    }

    [Fact]
    public void A_tls_host_becomes_certificate_sni_child_pool_group_policy_set_and_a_redirect_on_the_parent()
    {
        var world = new L7World().Service("web", "10.244.3.9").Secret("web-tls");
        var ingress = world.Ingress("web", 1, (["secure.ako.example.com"], "web-tls"), ("secure.ako.example.com", "/", "web"));

        var shard = Shard(world, ingress);

        var child = shard.Tree.Find<VirtualServiceSpec>("c1--secure.ako.example.com")!;
        Assert.Equal((VirtualServiceSpec.VhChild, "c1--Shared-L7-0", "System-Secure-HTTP"), (child.VsType, child.ParentVsName, child.ApplicationProfile));
        Assert.Equal(["secure.ako.example.com"], child.DomainNames);
        Assert.Equal(["c1--secure.ako.example.com"], child.SslCertificates);
        Assert.Equal(["c1--default-secure.ako.example.com"], child.HttpPolicySets);
        Assert.NotNull(shard.Tree.Find<SslCertificateSpec>("c1--secure.ako.example.com"));
        var group = shard.Tree.Find<PoolGroupSpec>("c1--default-secure.ako.example.com_-web")!;
        Assert.Equal([new PoolGroupMember("c1--default-secure.ako.example.com_-web", Ratio: 100)], group.Members);
        var sniRule = Assert.Single(shard.Tree.Find<HttpPolicySetSpec>("c1--default-secure.ako.example.com")!.Rules);
        Assert.Equal(new HttpPolicyAction.SwitchToPoolGroup("c1--default-secure.ako.example.com_-web"), sniRule.Action);
        var redirect = Assert.Single(shard.Tree.Find<HttpPolicySetSpec>("c1--Shared-L7-0")!.Rules);
        Assert.Equal((80, (HttpPolicyAction)new HttpPolicyAction.RedirectToHttps()), (redirect.VsPort!.Value, redirect.Action));
        Assert.Null(shard.Tree.Find<PoolSpec>("c1--secure.ako.example.com_-default-web"));
    }

    [Theory]
    [InlineData(null, "KEY", "MissingTlsSecret")]
    [InlineData("cert", null, "InvalidTlsSecret")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "KEY", "InvalidTlsSecret")]
    public void A_tls_host_without_a_usable_secret_is_not_served_and_says_why(string? certificate, string? key, string reason)
    {
        var world = new L7World().Service("web");
        if (certificate is not null) world.Secret("web-tls", certificate, key);
        var ingress = world.Ingress("web", 1, (["secure.ako.example.com"], "web-tls"), ("secure.ako.example.com", "/", "web"), ("plain.ako.example.com", "/", "web"));

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.Contains(translation.Problems, p => p.Reason == reason);
        var hosts = translation.ByVirtualService.Values.SelectMany(c => c.Hosts).Select(h => h.Host).ToList();
        Assert.Equal(["plain.ako.example.com"], hosts);
    }

    [Fact]
    public void A_rotated_secret_changes_the_contribution_but_no_key_material_travels_in_it()
    {
        var world = new L7World().Service("web").Secret("web-tls", pair: 0);
        var ingress = world.Ingress("web", 1, (["s.ako.example.com"], "web-tls"), ("s.ako.example.com", "/", "web"));
        var before = IngressTranslator.Translate(ingress, world.Cluster, world.Context).ByVirtualService.Single().Value;

        world.Secret("web-tls", pair: 1);
        var after = IngressTranslator.Translate(ingress, world.Cluster, world.Context).ByVirtualService.Single().Value;

        Assert.NotEqual(before, after);
        Assert.DoesNotContain("PRIVATE KEY", after.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-40, -10, "CertificateExpired", "expired on")]
    [InlineData(10, 100, "CertificateNotYetValid", "not valid before")]
    public void A_certificate_outside_its_validity_window_is_served_as_AKO_serves_it_with_a_warning(int fromDays, int toDays, string reason, string says)
    {
        var (certificate, key) = L7World.CertificatePair(0, DateTimeOffset.UtcNow.AddDays(fromDays), DateTimeOffset.UtcNow.AddDays(toDays));
        var world = new L7World().Service("web").Secret("web-tls", certificate, key);
        var ingress = world.Ingress("web", 1, (["secure.ako.example.com"], "web-tls"), ("secure.ako.example.com", "/", "web"));

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        var problem = Assert.Single(translation.Problems);
        Assert.Equal(reason, problem.Reason);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
        Assert.Contains("default/web-tls", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["secure.ako.example.com"], translation.ByVirtualService.Values.SelectMany(c => c.Hosts).Select(h => h.Host));
    }

    [Fact]
    public void A_host_rule_without_paths_is_a_warning_not_silence()
    {
        var world = new L7World().Service("web");
        var ingress = world.Ingress("web", 1, ("plain.ako.example.com", "/", "web"));
        ingress = ingress with { Rules = ingress.Rules.Append(new IngressRuleSpec("bare.ako.example.com", EquatableArray<IngressPathSpec>.Empty)).ToEquatableArray() };

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        var problem = Assert.Single(translation.Problems);
        Assert.Equal("HostWithoutPaths", problem.Reason);
        Assert.Contains("bare.ako.example.com", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["plain.ako.example.com"], translation.ByVirtualService.Values.SelectMany(c => c.Hosts).Select(h => h.Host));
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_own_is_not_served()
    {
        var (certificate, _) = L7World.CertificatePair(0, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var (_, otherKey) = L7World.CertificatePair(1, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var world = new L7World().Service("web").Secret("web-tls", certificate, otherKey);
        var ingress = world.Ingress("web", 1, (["secure.ako.example.com"], "web-tls"), ("secure.ako.example.com", "/", "web"));

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.Equal("InvalidTlsSecret", Assert.Single(translation.Problems).Reason);
        Assert.Empty(translation.ByVirtualService);
    }

    [Theory]
    [InlineData("relative", "InvalidPath")]
    [InlineData("/", "UnknownBackend")]
    public void A_bad_path_or_backend_is_reported_and_other_hosts_keep_working(string path, string reason)
    {
        var world = new L7World().Service("web", "10.244.3.1");
        var ingress = world.Ingress("mixed", 1, ("bad.ako.example.com", path, "missing"), ("good.ako.example.com", "/", "web"));

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);
        var shard = SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", translation.ByVirtualService.Values, world.Cluster, world.Context);

        Assert.Contains(translation.Problems, p => p.Reason == reason);
        Assert.Contains("good.ako.example.com", shard.Verdicts[ingress.Key].ServedHosts);
        Assert.Equal(["10.244.3.1:8080"], shard.Tree.Find<PoolSpec>("c1--good.ako.example.com_-default-mixed")!.Servers.Select(s => $"{s.Ip}:{s.Port}"));
    }

    [Fact]
    public void A_host_outside_the_dns_sub_domains_is_routed_but_not_registered()
    {
        var world = new L7World().Service("web");
        var ingress = world.Ingress("ing", 1, ("shop.example.org", "/", "web"), ("in.ako.example.com", "/", "web"));

        var shard = Shard(world, ingress);

        Assert.Equal(["c1--Shared-L7-0.admin.ako.example.com", "in.ako.example.com"], shard.Tree.Find<VsVipSpec>("c1--Shared-L7-0")!.Fqdns);
        Assert.Contains("shop.example.org", shard.Verdicts[ingress.Key].ServedHosts);
        Assert.Contains(shard.Verdicts[ingress.Key].Problems, p => p.Reason == "HostOutsideDnsDomains");
    }

    [Fact]
    public void A_wildcard_host_is_matched_by_suffix_and_not_put_in_dns()
    {
        var world = new L7World().Service("web");
        var ingress = world.Ingress("wild", 1, ("*.apps.ako.example.com", "/", "web"));

        var shard = Shard(world, ingress);

        var rule = Assert.Single(shard.Tree.Find<HttpPolicySetSpec>("c1--Shared-L7-0")!.Rules);
        Assert.Equal(new HttpHostMatch(HttpHostMatch.EndsWithCriteria, ".apps.ako.example.com"), rule.Host);
        Assert.Equal(["c1--Shared-L7-0.admin.ako.example.com"], shard.Tree.Find<VsVipSpec>("c1--Shared-L7-0")!.Fqdns);
        Assert.Contains(shard.Verdicts[ingress.Key].Problems, p => p.Reason == "WildcardNotInDns");
    }

    [Fact]
    public void Precise_hosts_are_matched_before_wildcards_and_longer_wildcards_before_shorter_ones()
    {
        // First match wins, and *.apps.ako.example.com's suffix match also matches a.apps.ako.example.com: on one VS the
        // precise host's rule must come first, whatever the host names sort as ('*' sorts before letters).
        var world = new L7World().Service("web").Service("wild").Service("deeper");
        var ingress = world.Ingress("mixed", 1,
            ("*.apps.ako.example.com", "/", "wild"),
            ("a.apps.ako.example.com", "/", "web"),
            ("*.x.apps.ako.example.com", "/", "deeper"));

        var shard = Shard(world, ingress);

        var hosts = shard.Tree.Find<HttpPolicySetSpec>("c1--Shared-L7-0")!.Rules.Select(r => r.Host!.Value).ToList();
        Assert.Equal(["a.apps.ako.example.com", ".x.apps.ako.example.com", ".apps.ako.example.com"], hosts);
    }

    [Fact]
    public void An_ingress_of_another_class_is_ignored_silently()
    {
        var world = new L7World().Service("web");
        world.Cluster.IngressClasses["nginx"] = new IngressClassSnapshot("nginx", "k8s.io/ingress-nginx", false);
        var ingress = world.Ingress("other", 1, ("x.ako.example.com", "/", "web")) with { IngressClassName = "nginx" };

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.False(translation.Handled);
        Assert.Empty(translation.Problems);
    }

    [Fact]
    public void A_shared_vs_nobody_contributes_to_has_an_empty_tree()
    {
        var world = new L7World();
        var shard = SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", [], world.Cluster, world.Context);
        Assert.Empty(shard.Tree.Desired);
        Assert.Equal(TranslationOutcome.Desired, shard.Tree.Outcome);
    }

    [Fact]
    public void Large_shards_spread_two_hundred_hosts_over_eight_vses_as_the_hash_says()
    {
        var world = new L7World(ShardVsSize.Large).Service("web");
        var hosts = Enumerable.Range(0, 200).Select(i => $"app{i}.ako.example.com").ToList();
        var ingress = world.Ingress("many", 1, hosts.Select(h => (h, "/", "web")).ToArray());

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.Equal(8, translation.ByVirtualService.Count);
        foreach (var (vsName, contribution) in translation.ByVirtualService)
        {
            Assert.All(contribution.Hosts, h => Assert.Equal(vsName, $"c1--Shared-L7-{Fnv1a32.Hash(h.Host) % 8}"));
        }
        Assert.Equal(200, translation.ByVirtualService.Values.Sum(c => c.Hosts.Count));
    }

    private static ShardTranslation Shard(L7World world, params IngressSnapshot[] ingresses) =>
        SharedVirtualServiceTranslator.Translate(
            "c1--Shared-L7-0",
            ingresses.SelectMany(i => IngressTranslator.Translate(i, world.Cluster, world.Context).ByVirtualService.Values),
            world.Cluster,
            world.Context);
}
