using System.Net;
using System.Net.Sockets;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.Routes;

/// <summary>Computes a Node's static routes as AKO does (ako-behaviour.md §5): pod CIDRs from the
/// <c>ako.vmware.com/pod-cidrs</c> annotation, else spec.podCIDRs / spec.podCIDR — or, per <c>cniPlugin</c>, from the CNI's
/// own records (<see cref="CniPlugins"/>); next hop = the node's first InternalIP of the CIDR's address family, or the
/// address Calico or Antrea announce for the node.</summary>
public static class NodeRouteCalculator
{
    public const string InvalidAnnotationReason = "InvalidPodCIDRAnnotation";
    public const string InvalidPodCidrReason = "InvalidPodCIDR";
    public const string NoInternalIpReason = "NodeWithoutInternalIP";
    public const string FamilyMismatchReason = "PodCIDRFamilyMismatch";
    public const string NoCniPodCidrReason = "NoPodCIDRFromCNI";

    /// <param name="cniPlugin">AKO's <c>cniPlugin</c> (lower case; empty for the default sources).</param>
    /// <param name="cniPodCidrs">For Calico and Cilium: the CIDRs their objects assign to this node.</param>
    public static NodeRoutes For(NodeSnapshot node, string cniPlugin = "", IReadOnlyList<string>? cniPodCidrs = null)
    {
        var problems = new List<UserProblem>();
        var cidrs = cniPlugin switch
        {
            CniPlugins.OvnKubernetes => OvnPodCidrs(node, problems),
            CniPlugins.Calico or CniPlugins.Cilium => CustomResourcePodCidrs(node, cniPlugin, cniPodCidrs ?? [], problems),
            _ => PodCidrs(node, problems),
        };
        if (cidrs is null || cidrs.Count == 0) return new NodeRoutes(EquatableArray<PodRoute>.Empty, problems.ToEquatableArray());

        var addresses = CniAddresses(node, cniPlugin).Concat(node.InternalIps)
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

    /// <summary>Calico announces the node's address as <c>projectcalico.org/IPv4Address</c> (with a mask), Antrea its tunnel
    /// end points as <c>node.antrea.io/transport-addresses</c>; AKO prefers them to the InternalIP.</summary>
    private static IEnumerable<string> CniAddresses(NodeSnapshot node, string cniPlugin) => cniPlugin switch
    {
        CniPlugins.Calico when node.Annotations.GetValueOrDefault(CniPlugins.CalicoIPv4AddressAnnotation) is { } address => [address.Split('/')[0].Trim()],
        CniPlugins.Antrea when node.Annotations.GetValueOrDefault(CniPlugins.AntreaTransportAddressesAnnotation) is { } addresses =>
            addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    /// <summary>ovn-kubernetes: <c>k8s.ovn.org/node-subnets: {"default":"10.128.0.0/23"}</c> (or a list under "default").</summary>
    private static List<IpCidr>? OvnPodCidrs(NodeSnapshot node, List<UserProblem> problems)
    {
        var text = node.Annotations.GetValueOrDefault(CniPlugins.OvnNodeSubnetsAnnotation);
        List<string>? values = null;
        if (text is not null)
        {
            try
            {
                values = System.Text.Json.JsonDocument.Parse(text).RootElement.TryGetProperty("default", out var entry)
                    ? entry.ValueKind switch
                    {
                        System.Text.Json.JsonValueKind.String => [entry.GetString()!],
                        System.Text.Json.JsonValueKind.Array => entry.EnumerateArray().Select(e => e.ValueKind == System.Text.Json.JsonValueKind.String ? e.GetString()! : string.Empty).ToList(),
                        _ => null,
                    }
                    : null;
            }
            catch (System.Text.Json.JsonException)
            {
                values = null;
            }
        }
        var parsed = values?.Select(v => IpCidr.TryParse(v, out var cidr, out _) ? cidr : (IpCidr?)null).ToList();
        if (parsed is null || parsed.Count == 0 || parsed.Any(c => c is null))
        {
            problems.Add(new UserProblem(NoCniPodCidrReason,
                $"cniPlugin is ovn-kubernetes but node {node.Key} has {(text is null ? "no" : $"an unusable ('{text}')")} {CniPlugins.OvnNodeSubnetsAnnotation} annotation " +
                "(expected {\"default\":\"<cidr>\"} or a list); no static routes are programmed for this node until ovn-kubernetes sets it"));
            return null;
        }
        return parsed.Select(c => c!).Distinct().ToList();
    }

    /// <summary>Calico BlockAffinities / the CiliumNode of this node, as the cache collected them.</summary>
    private static List<IpCidr>? CustomResourcePodCidrs(NodeSnapshot node, string cniPlugin, IReadOnlyList<string> texts, List<UserProblem> problems)
    {
        var cidrs = new List<IpCidr>();
        foreach (var text in texts)
        {
            if (IpCidr.TryParse(text, out var cidr, out var error)) cidrs.Add(cidr);
            else problems.Add(new UserProblem(InvalidPodCidrReason, $"The {cniPlugin} pod CIDR '{text}' of node {node.Key} is not a CIDR ({error}); no route for it"));
        }
        if (cidrs.Count == 0 && texts.Count == 0)
        {
            var source = cniPlugin == CniPlugins.Calico ? "BlockAffinity (crd.projectcalico.org/v1) with spec.node" : "CiliumNode (cilium.io/v2) named";
            problems.Add(new UserProblem(NoCniPodCidrReason,
                $"cniPlugin is {cniPlugin} but no {source} {node.Key} assigns it a pod CIDR; no static routes for this node until {cniPlugin} does"));
        }
        return cidrs.Distinct().ToList();
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
