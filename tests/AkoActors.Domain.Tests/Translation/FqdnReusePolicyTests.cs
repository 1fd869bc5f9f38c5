using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;
using AkoActors.Testing.Cluster;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>L7Settings.fqdnReusePolicy (AKO 1.13.1): Strict keeps a host to the namespace of the oldest Ingress asking for
/// it; InterNamespaceAllowed (the default) lets every namespace add paths to it.</summary>
public class FqdnReusePolicyTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Strict_serves_a_host_only_for_the_namespace_that_claimed_it_first_and_names_the_holder_to_the_others()
    {
        var red = Contribution("red", "first", 0, ("foo.ako.example.com", "/"));
        var redLater = Contribution("red", "second", 5, ("foo.ako.example.com", "/api"));
        var blue = Contribution("blue", "late", 1, ("foo.ako.example.com", "/other"), ("bar.ako.example.com", "/"));

        var shard = Translate(FqdnReusePolicy.Strict, blue, redLater, red);

        Assert.Equal(["c1--foo.ako.example.com_-red-first", "c1--foo.ako.example.com_api-red-second"],
            Pools(shard).Where(p => p.Contains("foo", StringComparison.Ordinal)));
        Assert.Contains("c1--bar.ako.example.com_-blue-late", Pools(shard));
        var problem = Assert.Single(shard.Verdicts[blue.Ingress].Problems);
        Assert.Equal("HostAlreadyClaimed", problem.Reason);
        Assert.Contains("namespace red (Ingress red/first", problem.Message, StringComparison.Ordinal);
        Assert.Contains("fqdnReusePolicy", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["bar.ako.example.com"], shard.Verdicts[blue.Ingress].ServedHosts);
        Assert.Empty(shard.Verdicts[redLater.Ingress].Problems);
    }

    [Fact]
    public void Strict_hands_the_host_to_the_next_namespace_once_the_holder_no_longer_asks_for_it()
    {
        var blue = Contribution("blue", "late", 1, ("foo.ako.example.com", "/"));

        var shard = Translate(FqdnReusePolicy.Strict, blue);

        Assert.Equal(["c1--foo.ako.example.com_-blue-late"], Pools(shard));
        Assert.Empty(shard.Verdicts[blue.Ingress].Problems);
    }

    [Fact]
    public void Inter_namespace_allowed_is_the_default_and_serves_every_namespace()
    {
        var red = Contribution("red", "first", 0, ("foo.ako.example.com", "/"));
        var blue = Contribution("blue", "late", 1, ("foo.ako.example.com", "/other"));

        var shard = Translate(new AkoSettings { ClusterName = "c1" }.FqdnReusePolicy, red, blue);

        Assert.Equal(["c1--foo.ako.example.com_-red-first", "c1--foo.ako.example.com_other-blue-late"], Pools(shard));
        Assert.Empty(shard.Verdicts[blue.Ingress].Problems);
    }

    [Theory]
    [InlineData("Strict", FqdnReusePolicy.Strict)]
    [InlineData("strict", FqdnReusePolicy.Strict)]
    [InlineData("InterNamespaceAllowed", FqdnReusePolicy.InterNamespaceAllowed)]
    public void The_configmap_key_is_read_as_ako_names_it(string value, FqdnReusePolicy expected)
    {
        var result = AkoSettingsParser.Parse(new Dictionary<string, string>
        {
            ["clusterName"] = "c1", ["vipNetworkList"] = """[{"networkName":"alb-vip"}]""", ["fqdnReusePolicy"] = value,
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Settings!.FqdnReusePolicy);
        Assert.Null(result.UnsupportedWarning);
    }

    [Fact]
    public void A_value_ako_does_not_know_stops_the_start_naming_the_key_and_the_allowed_values()
    {
        var result = AkoSettingsParser.Parse(new Dictionary<string, string>
        {
            ["clusterName"] = "c1", ["vipNetworkList"] = """[{"networkName":"alb-vip"}]""", ["fqdnReusePolicy"] = "Loose",
        });

        var error = Assert.Single(result.Errors);
        Assert.Contains("L7Settings.fqdnReusePolicy", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("InterNamespaceAllowed, Strict", error.ToString(), StringComparison.Ordinal);
    }

    private static IngressContribution Contribution(string ns, string name, int minutesAfterStart, params (string Host, string Path)[] hosts) =>
        new(new IngressKey(ns, name), Start.AddMinutes(minutesAfterStart),
            hosts.GroupBy(h => h.Host)
                .Select(g => new HostRoute(g.Key, g.Select(h => new PathRoute(h.Path, false, "web:80", EquatableArray<PoolServer>.Empty)).ToEquatableArray(), null))
                .ToEquatableArray());

    private static ShardTranslation Translate(FqdnReusePolicy policy, params IngressContribution[] contributions)
    {
        var context = new TranslationContext(
            new AkoSettings
            {
                ClusterName = "c1",
                ShardVsSize = ShardVsSize.Small,
                FqdnReusePolicy = policy,
                VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
            },
            new[] { "ako.example.com" }.ToEquatableArray());
        return SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", contributions, new InMemoryClusterState(), context);
    }

    private static List<string> Pools(ShardTranslation shard) =>
        shard.Tree.Desired.OfType<PoolSpec>().Select(p => p.Ref.Name).Order(StringComparer.Ordinal).ToList();
}
