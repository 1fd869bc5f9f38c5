using System.Net;
using System.Net.Sockets;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.Routes;

/// <summary>Computes a Node's static routes as AKO does (ako-behaviour.md §5): pod CIDRs from the
/// <c>ako.vmware.com/pod-cidrs</c> annotation, else spec.podCIDRs / spec.podCIDR; next hop = the node's first InternalIP
/// of the CIDR's address family.</summary>
public static class NodeRouteCalculator
{
    public const string InvalidAnnotationReason = "InvalidPodCIDRAnnotation";
    public const string InvalidPodCidrReason = "InvalidPodCIDR";
    public const string NoInternalIpReason = "NodeWithoutInternalIP";
    public const string FamilyMismatchReason = "PodCIDRFamilyMismatch";

    public static NodeRoutes For(NodeSnapshot node)
    {
        var problems = new List<UserProblem>();
        var cidrs = PodCidrs(node, problems);
        if (cidrs is null || cidrs.Count == 0) return new NodeRoutes(EquatableArray<PodRoute>.Empty, problems.ToEquatableArray());

        var addresses = node.InternalIps
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null)
            .OfType<IPAddress>()
            .ToList();
        if (addresses.Count == 0)
        {
            problems.Add(new UserProblem(NoInternalIpReason,
                $"Node {node.Key} has pod CIDRs ({string.Join(", ", cidrs)}) but no InternalIP address, so no static route can point at it; " +
                "its pods are unreachable from the Service Engines until the kubelet reports one"));
            return new NodeRoutes(EquatableArray<PodRoute>.Empty, problems.ToEquatableArray());
        }

        var routes = new List<PodRoute>();
        foreach (var cidr in cidrs)
        {
            var family = cidr.IsIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            var hop = addresses.FirstOrDefault(a => a.AddressFamily == family);
            if (hop is null)
            {
                problems.Add(new UserProblem(FamilyMismatchReason,
                    $"Pod CIDR {cidr} of node {node.Key} is {(cidr.IsIPv6 ? "IPv6" : "IPv4")} but the node has no {(cidr.IsIPv6 ? "IPv6" : "IPv4")} " +
                    $"InternalIP (it has {string.Join(", ", addresses)}); no static route for that CIDR. Give the node an {(cidr.IsIPv6 ? "IPv6" : "IPv4")} InternalIP or remove the CIDR"));
                continue;
            }
            routes.Add(new PodRoute(cidr, hop));
        }
        return new NodeRoutes(routes.ToEquatableArray(), problems.ToEquatableArray());
    }

    /// <summary>The node's pod CIDRs, distinct, in the order given; null when the annotation is unusable (the node is skipped).</summary>
    private static List<IpCidr>? PodCidrs(NodeSnapshot node, List<UserProblem> problems)
    {
        if (node.Annotations.GetValueOrDefault(NodeSnapshot.PodCidrsAnnotation) is { } annotation)
        {
            var parsed = new List<IpCidr>();
            var errors = new List<string>();
            foreach (var part in annotation.Split(','))
            {
                if (IpCidr.TryParse(part, out var cidr, out var error)) parsed.Add(cidr);
                else errors.Add(error!);
            }
            if (errors.Count == 0) return parsed.Distinct().ToList();
            // A typo in a hand-written annotation must not program half of what the user meant: skip the node entirely.
            problems.Add(new UserProblem(InvalidAnnotationReason,
                $"Annotation {NodeSnapshot.PodCidrsAnnotation}=\"{annotation}\" on node {node.Key} is not a comma-separated list of CIDRs " +
                $"({string.Join("; ", errors)}); no static routes are programmed for this node until it is fixed"));
            return null;
        }

        var fromSpec = new List<IpCidr>();
        foreach (var text in node.PodCidrs)
        {
            if (IpCidr.TryParse(text, out var cidr, out var error)) fromSpec.Add(cidr);
            else problems.Add(new UserProblem(InvalidPodCidrReason, $"spec.podCIDRs entry '{text}' of node {node.Key} is not a CIDR ({error}); no route for it. Correct the node's spec.podCIDRs"));
        }
        return fromSpec.Distinct().ToList();
    }
}
