using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Testing.Cluster;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>Issue 10 point 6: an auto-allocated VIP never keeps the address another Service of this cluster asks for. The
/// pure decision (keep, give back, wait) and the claims read from the informer cache.</summary>
public class AddressYieldTests
{
    private const string Address = "172.16.251.5";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);
    private static readonly ServiceKey Rival = new("vip", "pinned");
    private static readonly AddressClaim PinnedClaim = new(Rival, Address, AddressClaimKind.Pinned, ShownInStatus: false);

    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    [Fact]
    public void An_auto_service_given_an_address_a_pinned_service_asks_for_gives_it_back()
    {
        var decision = AddressYield.Decide(Address, pinned: null, remembered: null, shown: [], yielded: null, [PinnedClaim], Now);

        Assert.Equal(new AddressYieldDecision(AddressYieldAction.Yield, PinnedClaim), decision);
    }

    [Fact]
    public void An_address_nobody_else_claims_is_kept()
    {
        var other = PinnedClaim with { Address = "172.16.251.9" };

        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, null, null, [], null, [other], Now).Action);
    }

    [Fact]
    public void A_service_whose_status_shows_the_address_keeps_it_whoever_asks_for_it()
    {
        // It is established: the other Service's request is an address conflict (LoadBalancerIPInUse), not a race.
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, null, null, [Address], null, [PinnedClaim], Now).Action);
    }

    [Fact]
    public void A_service_moving_its_vip_keeps_the_new_address_so_its_status_never_shows_none()
    {
        // Its status still shows the address it moves from (another VIP network, another tenant) until the new one serves.
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, null, "172.16.252.7", ["172.16.252.7"], null, [PinnedClaim], Now).Action);
    }

    [Fact]
    public void A_service_asking_for_the_address_itself_never_yields_it()
    {
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, pinned: Address, null, [], null, [PinnedClaim], Now).Action);
    }

    [Fact]
    public void The_address_another_service_still_shows_is_given_back_but_not_when_it_was_this_ones_too()
    {
        var shownClaim = new AddressClaim(Rival, Address, AddressClaimKind.Remembered, ShownInStatus: true);

        Assert.Equal(AddressYieldAction.Yield, AddressYield.Decide(Address, null, remembered: null, [], null, [shownClaim], Now).Action);
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, null, remembered: Address, [], null, [shownClaim], Now).Action);
    }

    [Fact]
    public void A_pinned_request_beats_the_address_this_service_last_had()
    {
        var decision = AddressYield.Decide(Address, null, remembered: Address, [], null, [PinnedClaim], Now);

        Assert.Equal(AddressYieldAction.Yield, decision.Action);
    }

    [Fact]
    public void After_giving_an_address_back_it_waits_until_the_pinned_service_shows_it()
    {
        var yielded = new YieldedAddress(Address, PinnedClaim, Now, Count: 1);

        Assert.Equal(new AddressYieldDecision(AddressYieldAction.Wait, PinnedClaim),
            AddressYield.Decide(null, null, null, [], yielded, [PinnedClaim], Now + AddressYield.Recheck));
        Assert.Equal(AddressYieldAction.Proceed,
            AddressYield.Decide(null, null, null, [], yielded, [PinnedClaim with { ShownInStatus = true }], Now + AddressYield.Recheck).Action);
    }

    [Fact]
    public void After_giving_an_address_back_it_asks_again_when_the_claim_is_gone_or_the_wait_is_over()
    {
        var yielded = new YieldedAddress(Address, PinnedClaim, Now, Count: 1);

        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(null, null, null, [], yielded, [], Now).Action);
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(null, null, null, [], yielded, [PinnedClaim], Now + AddressYield.MaxWait).Action);
    }

    [Fact]
    public void The_same_address_is_given_back_at_most_max_yields_times_in_a_row()
    {
        var again = new YieldedAddress(Address, PinnedClaim, Now, Count: AddressYield.MaxYields - 1);
        var enough = again with { Count = AddressYield.MaxYields };

        Assert.Equal(AddressYieldAction.Yield, AddressYield.Decide(Address, null, null, [], again, [PinnedClaim], Now).Action);
        Assert.Equal(AddressYieldAction.Proceed, AddressYield.Decide(Address, null, null, [], enough, [PinnedClaim], Now).Action);
        // Another address starts a new count.
        Assert.Equal(AddressYieldAction.Yield,
            AddressYield.Decide("172.16.251.6", null, null, [], enough, [PinnedClaim with { Address = "172.16.251.6" }], Now).Action);
    }

    [Theory]
    [InlineData("172.16.251.1", "")] // only vip/self asks for it: a Service never rivals itself
    [InlineData("172.16.251.2", "vip/pinned Pinned")]
    [InlineData("172.16.251.3", "vip/annotated Pinned")]
    [InlineData("172.16.251.4", "vip/ruled Pinned")] // its Accepted L4Rule's loadBalancerIP, over its own
    [InlineData("172.16.251.5", "")] // what vip/ruled asks for itself, replaced by its rule's
    [InlineData("172.16.251.6", "vip/served Pinned shown")]
    [InlineData("172.16.251.7", "vip/auto Remembered shown")]
    [InlineData("172.16.251.8", "vip/empty-spec Pinned")] // an empty spec.loadBalancerIP leaves the annotation in force
    [InlineData("172.16.251.9", "")] // a Rejected L4Rule's address is not asked for
    [InlineData("172.16.251.10", "")] // not a LoadBalancer
    [InlineData("172.16.251.11", "")] // being deleted
    [InlineData("172.16.251.12", "")] // another load balancer's class
    [InlineData("172.16.252.1", "")] // outside the VIP network: refused (InvalidLoadBalancerIP), so never asked for
    [InlineData("172.16.251.13", "")] // IPv6 only: refused whole, so it never asks for its address
    [InlineData("172.16.251.14", "vip/group-member Pinned")] // its shared-VIP group asks for it
    public void Claims_on_an_address_are_the_requests_and_statuses_of_the_other_services_this_controller_serves(string address, string expected)
    {
        var cluster = new InMemoryClusterState();
        Add(cluster, Service("vip", "self") with { LoadBalancerIp = "172.16.251.1" });
        Add(cluster, Service("vip", "pinned") with { LoadBalancerIp = "172.16.251.2" });
        Add(cluster, Service("vip", "annotated") with { Annotations = Labels(("ako.vmware.com/load-balancer-ip", "172.16.251.3")) });
        Add(cluster, Service("vip", "ruled") with { LoadBalancerIp = "172.16.251.5", Annotations = Labels((L4RuleSnapshot.ServiceAnnotation, "rule")) });
        cluster.L4Rules[new L4RuleKey("vip", "rule")] = Rule("vip", "rule", "172.16.251.4", RuleStatus.Accepted);
        Add(cluster, Service("vip", "rejected-rule") with { Annotations = Labels((L4RuleSnapshot.ServiceAnnotation, "bad")) });
        cluster.L4Rules[new L4RuleKey("vip", "bad")] = Rule("vip", "bad", "172.16.251.9", new RuleStatus("Rejected", "no such profile"));
        Add(cluster, Service("vip", "served") with { LoadBalancerIp = "172.16.251.6", Status = Shows("172.16.251.6") });
        Add(cluster, Service("vip", "auto") with { Status = Shows("172.16.251.7") });
        Add(cluster, Service("vip", "empty-spec") with { LoadBalancerIp = "", Annotations = Labels(("ako.vmware.com/load-balancer-ip", "172.16.251.8")) });
        Add(cluster, Service("vip", "clusterip") with { Type = "ClusterIP", LoadBalancerIp = "172.16.251.10" });
        Add(cluster, Service("vip", "deleting") with { LoadBalancerIp = "172.16.251.11", IsDeleting = true });
        Add(cluster, Service("vip", "other-class") with { LoadBalancerIp = "172.16.251.12", LoadBalancerClass = "example.com/lb" });
        Add(cluster, Service("vip", "outside") with { LoadBalancerIp = "172.16.252.1" });
        Add(cluster, Service("vip", "ipv6-only") with { LoadBalancerIp = "172.16.251.13", IpFamilies = new[] { "IPv6" }.ToEquatableArray() });
        Add(cluster, Service("vip", "group-member") with { LoadBalancerIp = "172.16.251.14", Annotations = Labels((L4ServiceTranslator.SharedVipAnnotation, "g")) });

        var claims = AddressClaims.On(cluster, new TranslationContext(Settings, new[] { "ako.example.com" }.ToEquatableArray()), new ServiceKey("vip", "self"), address);

        Assert.Equal(expected, string.Join("; ", claims.Select(c => $"{c.Service} {c.Kind}{(c.ShownInStatus ? " shown" : "")}")));
        Assert.All(claims, c => Assert.Equal(address, c.Address));
    }

    [Theory]
    [InlineData("2001:db8:251::5", "vip/pinned6 Pinned")] // asked for as 2001:DB8:251:0::5: the same address
    [InlineData("2001:DB8:251::5", "vip/pinned6 Pinned")]
    [InlineData("2001:db8:251::7", "vip/auto6 Remembered shown")]
    [InlineData("2001:db8:251::8", "")] // asked for by an IPv4-only Service: refused (InvalidLoadBalancerIP), so never asked for
    [InlineData("172.16.251.5", "vip/dual Pinned")] // an IPv4 claim is still its own family's
    public void Ipv6_addresses_are_claimed_per_family_as_ipv4_ones_are(string address, string expected)
    {
        var dualStack = Settings with { VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray() };
        var v6 = new[] { "IPv6" }.ToEquatableArray();
        var cluster = new InMemoryClusterState();
        Add(cluster, Service("vip", "pinned6") with { LoadBalancerIp = "2001:DB8:251:0::5", IpFamilies = v6 });
        Add(cluster, Service("vip", "auto6") with { IpFamilies = v6, Status = Shows("2001:db8:251::7") });
        Add(cluster, Service("vip", "v4-asks-v6") with { LoadBalancerIp = "2001:db8:251::8" });
        Add(cluster, Service("vip", "dual") with { LoadBalancerIp = "172.16.251.5", IpFamilies = new[] { "IPv4", "IPv6" }.ToEquatableArray() });

        var claims = AddressClaims.On(cluster, new TranslationContext(dualStack, new[] { "ako.example.com" }.ToEquatableArray()), new ServiceKey("vip", "self"), address);

        Assert.Equal(expected, string.Join("; ", claims.Select(c => $"{c.Service} {c.Kind}{(c.ShownInStatus ? " shown" : "")}")));
        Assert.All(claims, c => Assert.Equal(AddressClaims.Canonical(address), c.Address));
    }

    private static void Add(InMemoryClusterState cluster, ServiceSnapshot service) => cluster.Services[service.Key] = service;

    private static ServiceSnapshot Service(string ns, string name) => new(
        new ServiceKey(ns, name), $"uid-{name}", ServiceSnapshot.TypeLoadBalancer, null,
        new[] { new ServicePortSpec("http", "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(), LabelSet.Empty, null, false,
        EquatableArray<LoadBalancerIngressStatus>.Empty);

    private static EquatableArray<LoadBalancerIngressStatus> Shows(string ip) => new[] { new LoadBalancerIngressStatus(ip, null) }.ToEquatableArray();

    private static LabelSet Labels(params (string Key, string Value)[] pairs) => new(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    private static L4RuleSnapshot Rule(string ns, string name, string ip, RuleStatus status) => new(
        new L4RuleKey(ns, name), $"uid-{name}", null, null, null, null, EquatableArray<string>.Empty, ip,
        EquatableArray<L4RuleBackend>.Empty, EquatableArray<string>.Empty, status);
}
