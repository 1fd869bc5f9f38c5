using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Domain.Tests.Diff;

public class AviTreeDiffTests
{
    private static readonly FakeSpec Vip = FakeSpec.Of("vsvip", "c1--red-web");
    private static readonly FakeSpec Pool80 = FakeSpec.Of("pool", "c1--red-web-TCP-80");
    private static readonly FakeSpec Pool443 = FakeSpec.Of("pool", "c1--red-web-TCP-443");
    private static readonly FakeSpec Policy = FakeSpec.Of("l4policyset", "c1--red-web", "v1", Pool80.Ref, Pool443.Ref);
    private static readonly FakeSpec Vs = FakeSpec.Of("virtualservice", "c1--red-web", "v1", Vip.Ref, Policy.Ref);

    private static AviObjectState Existing(AviObjectSpec spec) => new(spec, $"{spec.Type}-{spec.Name}", "1000");

    private static string[][] Shape(AviPlan plan) =>
        plan.Waves.Select(w => w.Select(op => op.ToString()).ToArray()).ToArray();

    [Fact]
    public void An_empty_controller_gets_the_tree_created_referenced_objects_first()
    {
        var plan = AviTreeDiff.Plan([Vs, Policy, Pool80, Pool443, Vip], []);

        Assert.Equal(
            [
                ["POST pool/c1--red-web-TCP-443", "POST pool/c1--red-web-TCP-80", "POST vsvip/c1--red-web"],
                ["POST l4policyset/c1--red-web"],
                ["POST virtualservice/c1--red-web"],
            ],
            Shape(plan));
    }

    [Fact]
    public void An_unchanged_tree_costs_no_call()
    {
        var tree = new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, Vip };

        var plan = AviTreeDiff.Plan(tree, tree.Select(Existing));

        Assert.True(plan.IsEmpty);
        Assert.Equal(0, plan.OperationCount);
    }

    [Fact]
    public void A_changed_pool_is_one_put_carrying_the_stamp_it_was_read_with()
    {
        var scaled = Pool80 with { Content = "5 servers" };

        var plan = AviTreeDiff.Plan([Vs, Policy, scaled, Pool443, Vip], new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, Vip }.Select(Existing));

        var op = Assert.IsType<UpdateOperation>(Assert.Single(plan.Operations));
        Assert.Equal(scaled, op.Spec);
        Assert.Equal("pool-c1--red-web-TCP-80", op.Uuid);
        Assert.Equal("1000", op.LastModified);
    }

    [Fact]
    public void A_removed_port_updates_the_referrer_before_deleting_the_pool()
    {
        var policyWithout443 = FakeSpec.Of("l4policyset", "c1--red-web", "v2", Pool80.Ref);

        var plan = AviTreeDiff.Plan([Vs, policyWithout443, Pool80, Vip], new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, Vip }.Select(Existing));

        Assert.Equal([["PUT l4policyset/c1--red-web"], ["DELETE pool/c1--red-web-TCP-443"]], Shape(plan));
    }

    [Fact]
    public void Deleting_a_whole_tree_goes_referrers_first()
    {
        var plan = AviTreeDiff.Plan([], new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, Vip }.Select(Existing));

        Assert.Equal(
            [
                ["DELETE virtualservice/c1--red-web"],
                ["DELETE l4policyset/c1--red-web", "DELETE vsvip/c1--red-web"],
                ["DELETE pool/c1--red-web-TCP-443", "DELETE pool/c1--red-web-TCP-80"],
            ],
            Shape(plan));
    }

    [Fact]
    public void An_object_that_cannot_change_in_place_is_recreated_with_everything_that_refers_to_it()
    {
        var pinnedVip = Vip with { PinnedAddress = "172.16.251.50" };
        var actualVip = Vip with { PinnedAddress = "172.16.251.1" };
        var actual = new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, actualVip }.Select(Existing);

        var plan = AviTreeDiff.Plan([Vs, Policy, Pool80, Pool443, pinnedVip], actual);

        Assert.Equal(
            [
                ["DELETE virtualservice/c1--red-web"],
                ["DELETE vsvip/c1--red-web"],
                ["POST vsvip/c1--red-web"],
                ["POST virtualservice/c1--red-web"],
            ],
            Shape(plan));
    }

    [Fact]
    public void A_new_child_comes_after_its_parent_and_an_updated_parent_before_new_children_reference_it()
    {
        var parent = FakeSpec.Of("virtualservice", "c1--Shared-L7-0", "v2");
        var pool = FakeSpec.Of("pool", "c1--foo.com-default-ing");
        var child = FakeSpec.Of("virtualservice", "c1--foo.com", "v1", parent.Ref, pool.Ref);

        var plan = AviTreeDiff.Plan([parent, pool, child], [Existing(parent with { Content = "v1" })]);

        Assert.Equal(
            [
                ["POST pool/c1--foo.com-default-ing", "PUT virtualservice/c1--Shared-L7-0"],
                ["POST virtualservice/c1--foo.com"],
            ],
            Shape(plan));
    }

    [Fact]
    public void A_new_host_on_a_shared_vs_writes_its_vsvip_with_the_policy_set_that_routes_it_not_a_wave_before()
    {
        var vip = FakeSpec.Of("vsvip", "c1--Shared-L7-0", "dns: a");
        var oldPool = FakeSpec.Of("pool", "c1--a.com-default-ing");
        var policy = FakeSpec.Of("httppolicyset", "c1--Shared-L7-0", "rules: a", oldPool.Ref);
        var vs = FakeSpec.Of("virtualservice", "c1--Shared-L7-0", "v1", vip.Ref, policy.Ref);
        var newPool = FakeSpec.Of("pool", "c1--b.com-default-ing");
        var actual = new AviObjectSpec[] { vs, policy, oldPool, vip }.Select(Existing);

        var plan = AviTreeDiff.Plan(
            [vs, FakeSpec.Of("httppolicyset", "c1--Shared-L7-0", "rules: a, b", oldPool.Ref, newPool.Ref), oldPool, newPool, vip with { Content = "dns: a, b" }],
            actual);

        Assert.Equal(
            [
                ["POST pool/c1--b.com-default-ing"],
                ["PUT httppolicyset/c1--Shared-L7-0", "PUT vsvip/c1--Shared-L7-0"],
            ],
            Shape(plan));
    }

    [Fact]
    public void A_vsvip_update_still_comes_before_the_virtual_service_that_refers_to_it_changes()
    {
        var actual = new AviObjectSpec[] { Vs, Policy, Pool80, Pool443, Vip }.Select(Existing);
        var scaled = Pool80 with { Content = "5 servers" };

        var plan = AviTreeDiff.Plan([Vs with { Content = "v2" }, Policy, scaled, Pool443, Vip with { Content = "v2" }], actual);

        Assert.Equal(
            [
                ["PUT pool/c1--red-web-TCP-80", "PUT vsvip/c1--red-web"],
                ["PUT virtualservice/c1--red-web"],
            ],
            Shape(plan));
    }

    [Fact]
    public void A_tree_naming_one_object_twice_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => AviTreeDiff.Plan([Pool80, Pool80 with { Content = "x" }], []));
    }

    [Fact]
    public void A_reference_cycle_is_reported_not_looped_on()
    {
        var a = FakeSpec.Of("pool", "a", "v1", new AviRef("pool", "b"));
        var b = FakeSpec.Of("pool", "b", "v1", new AviRef("pool", "a"));

        Assert.Throws<InvalidOperationException>(() => AviTreeDiff.Plan([a, b], []));
    }
}
