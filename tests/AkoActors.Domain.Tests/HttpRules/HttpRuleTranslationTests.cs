using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Tests.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.Tests.HttpRules;

/// <summary>AKO's httprule.md as tables: which Ingress paths a rule's targets cover, in which namespace, what it sets on
/// their pools, and what it refuses.</summary>
public class HttpRuleTranslationTests
{
    private const string Host = "shop.ako.example.com";

    [Theory]
    [InlineData("/foo", "/foo", true)]
    [InlineData("/foo", "/foo/bar", true)]
    [InlineData("/foo", "/foobar", false)]
    [InlineData("/foo/", "/foo/bar", true)]
    [InlineData("/", "/anything", true)]
    [InlineData("/foo", "/", false)]
    public void A_target_covers_its_path_and_the_paths_below_it(string target, string path, bool covered) =>
        Assert.Equal(covered, Path(target).Covers(path));

    [Fact]
    public void The_longest_covering_target_wins_and_only_rules_of_the_ingress_namespace_apply()
    {
        var broad = Rule("broad", Path("/"));
        var narrow = Rule("narrow", Path("/api") with { Algorithm = "LB_ALGORITHM_ROUND_ROBIN" });
        var elsewhere = Rule("elsewhere", Path("/api/v1"), ns: "other");

        Assert.Equal("narrow", HttpRuleSelection.For("default", Host, "/api/v1", [broad, narrow, elsewhere])!.Value.Rule.Key.Name);
        Assert.Equal("broad", HttpRuleSelection.For("default", Host, "/web", [broad, narrow, elsewhere])!.Value.Rule.Key.Name);
        Assert.Null(HttpRuleSelection.For("default", "other.ako.example.com", "/api", [broad, narrow]));
        Assert.Null(HttpRuleSelection.For("default", Host, "/api", [narrow with { Status = RuleStatus.Rejected("x") }]));
    }

    [Fact]
    public void A_covered_paths_pool_gets_the_rules_settings_and_the_others_keep_the_defaults()
    {
        var world = new L7World().Service("web", "10.244.3.9");
        var ingress = world.Ingress("shop", 1, (Host, "/api", "web"), (Host, "/", "web"));
        world.Cluster.HttpRules[new("default", "r")] = Rule("r", Path("/api") with
        {
            Algorithm = "LB_ALGORITHM_CONSISTENT_HASH",
            Hash = "LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS",
            HostHeader = "ignored-without-custom-header",
            HealthMonitors = new[] { "System-HTTP" }.ToEquatableArray(),
            Persistence = "System-Persistence-Client-IP",
            Reencrypt = new HttpRuleReencrypt(null, null, "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----"),
            EnableHttp2 = true,
        });

        var tree = Shard(world, ingress).Tree;

        var api = tree.Find<PoolSpec>("c1--shop.ako.example.com_api-default-shop")!;
        Assert.Equal(new PoolRuleSettings("LB_ALGORITHM_CONSISTENT_HASH", "LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS", null,
            "System-Persistence-Client-IP", "System-Standard", "c1--shop.ako.example.com_api-default-shop-pkiprofile", true), api.Rules);
        Assert.Equal(["System-HTTP"], api.HealthMonitors);
        Assert.Equal([new AviRef("pkiprofile", "c1--shop.ako.example.com_api-default-shop-pkiprofile")], api.References);
        Assert.NotNull(tree.Find<PkiProfileSpec>("c1--shop.ako.example.com_api-default-shop-pkiprofile"));
        var root = tree.Find<PoolSpec>("c1--shop.ako.example.com_-default-shop")!;
        Assert.Equal(PoolRuleSettings.Default, root.Rules);
        Assert.Equal(["System-TCP"], root.HealthMonitors);
    }

    [Theory]
    [InlineData(true, true, "only one of tls.pkiProfile or tls.destinationCA")]
    [InlineData(false, true, null)]
    public void A_pki_profile_and_a_destination_ca_cannot_go_together(bool pki, bool ca, string? expected)
    {
        var rule = Rule("r", Path("/api") with
        {
            Reencrypt = new HttpRuleReencrypt(null, pki ? "avi-pki" : null, ca ? "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----" : null),
        });

        var problem = HttpRuleValidation.ClusterProblem(rule);

        if (expected is null) Assert.Null(problem);
        else Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_destination_ca_that_is_not_a_certificate_and_a_target_given_twice_are_refused()
    {
        Assert.Contains("not a PEM certificate", HttpRuleValidation.ClusterProblem(Rule("r", Path("/") with { Reencrypt = new(null, null, "hello") })));
        Assert.Contains("target /a appears more than once", HttpRuleValidation.ClusterProblem(Rule("r", Path("/a"), Path("/a"))));
    }

    [Fact]
    public void Every_named_avi_object_is_checked_with_the_path_that_names_it()
    {
        var rule = Rule("r", Path("/a") with
        {
            HealthMonitors = new[] { "hm" }.ToEquatableArray(), Persistence = "persist", Reencrypt = new("ssl", "pki", null),
        });

        Assert.Equal(
            ["healthmonitor hm paths[/a].healthMonitors", "applicationpersistenceprofile persist paths[/a].applicationPersistence",
             "sslprofile ssl paths[/a].tls.sslProfile", "pkiprofile pki paths[/a].tls.pkiProfile"],
            HttpRuleValidation.AviReferences(rule).Select(c => $"{c.Type} {c.Name} {c.Field}"));
    }

    private static HttpRulePath Path(string target) => new(target, null, null, null, EquatableArray<string>.Empty, null, null, null);

    private static HttpRuleSnapshot Rule(string name, params HttpRulePath[] paths) => Rule(name, paths, "default");

    private static HttpRuleSnapshot Rule(string name, HttpRulePath path, string ns) => Rule(name, [path], ns);

    private static HttpRuleSnapshot Rule(string name, HttpRulePath[] paths, string ns) =>
        new(new HttpRuleKey(ns, name), $"uid-{name}", DateTimeOffset.UnixEpoch, Host, paths.ToEquatableArray(), RuleStatus.Accepted)
        {
            Generation = 1,
            DecidedGeneration = 1,
        };

    private static ShardTranslation Shard(L7World world, IngressSnapshot ingress) =>
        SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", IngressTranslator.Translate(ingress, world.Cluster, world.Context).ByVirtualService.Values,
            world.Cluster, world.Context);
}
