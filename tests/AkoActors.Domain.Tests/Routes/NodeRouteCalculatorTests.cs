using AkoActors.Domain.Routes;
using static AkoActors.Domain.Tests.Routes.RouteNodes;

namespace AkoActors.Domain.Tests.Routes;

/// <summary>ako-behaviour.md §5: which routes a Node asks for, and which inputs are refused with a Warning.</summary>
public class NodeRouteCalculatorTests
{
    [Fact]
    public void A_seed_worker_routes_its_pod_cidr_to_its_internal_ip()
    {
        var routes = NodeRouteCalculator.For(Node("avi-node1", ["172.16.250.21"], ["10.244.3.0/24"]));

        Assert.Equal(["10.244.3.0/24 via 172.16.250.21"], routes.Routes.Select(r => r.ToString()));
        Assert.Empty(routes.Problems);
    }

    [Fact]
    public void The_annotation_wins_over_spec_pod_cidrs_and_may_list_several()
    {
        var routes = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], ["10.244.3.0/24"], annotation: "192.168.10.0/24, 192.168.11.0/24"));

        Assert.Equal(["192.168.10.0/24 via 172.16.250.21", "192.168.11.0/24 via 172.16.250.21"], routes.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Next_hop_is_the_first_internal_ip_of_the_same_family_never_an_external_ip()
    {
        var node = Node("dual", ["172.16.250.31", "fd00:250::31", "172.16.250.99"], ["10.244.9.0/24", "fd00:10:244:9::/64"],
            externalIps: ["203.0.113.5"]);

        var routes = NodeRouteCalculator.For(node);

        Assert.Equal(["10.244.9.0/24 via 172.16.250.31", "fd00:10:244:9::/64 via fd00:250::31"], routes.Routes.Select(r => r.ToString()));
        Assert.Empty(routes.Problems);
    }

    [Theory]
    [InlineData("10.244.3.0/33")]
    [InlineData("10.244.3.5/24")]
    [InlineData("10.244.3.0/24,banana")]
    [InlineData("")]
    [InlineData("10.244.3.0")]
    public void An_unparsable_annotation_skips_the_whole_node_with_a_warning_naming_the_annotation(string annotation)
    {
        var routes = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], ["10.244.3.0/24"], annotation));

        Assert.Empty(routes.Routes);
        var problem = Assert.Single(routes.Problems);
        Assert.Equal(NodeRouteCalculator.InvalidAnnotationReason, problem.Reason);
        Assert.Contains("ako.vmware.com/pod-cidrs", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_without_internal_ip_gets_no_route_and_a_warning()
    {
        var routes = NodeRouteCalculator.For(Node("n", [], ["10.244.3.0/24"], externalIps: ["203.0.113.5"]));

        Assert.Empty(routes.Routes);
        Assert.Equal(NodeRouteCalculator.NoInternalIpReason, Assert.Single(routes.Problems).Reason);
    }

    [Fact]
    public void An_ipv6_cidr_on_a_node_with_only_an_ipv4_address_is_refused_and_its_ipv4_cidr_still_routed()
    {
        var routes = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], ["10.244.3.0/24", "fd00:10:244:3::/64"]));

        Assert.Equal(["10.244.3.0/24 via 172.16.250.21"], routes.Routes.Select(r => r.ToString()));
        var problem = Assert.Single(routes.Problems);
        Assert.Equal(NodeRouteCalculator.FamilyMismatchReason, problem.Reason);
        Assert.Contains("fd00:10:244:3::/64", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_without_pod_cidrs_asks_for_nothing_and_is_not_a_problem()
    {
        var routes = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], []));

        Assert.Empty(routes.Routes);
        Assert.Empty(routes.Problems);
    }

    [Fact]
    public void A_cidr_listed_twice_is_routed_once()
    {
        var routes = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], [], annotation: "10.1.0.0/24,10.1.0.0/24"));

        Assert.Single(routes.Routes);
    }
}
