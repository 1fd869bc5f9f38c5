using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Domain.Tests.Routes;

/// <summary>Nodes shaped like the seed article's, built in one line per case.</summary>
internal static class RouteNodes
{
    public static NodeSnapshot Node(string name, string[] internalIps, string[] podCidrs, string? annotation = null, string[]? externalIps = null) =>
        new(new NodeKey(name), $"uid-{name}", LabelSet.Empty,
            annotation is null ? LabelSet.Empty : new LabelSet([KeyValuePair.Create(NodeSnapshot.PodCidrsAnnotation, annotation)]),
            podCidrs.ToEquatableArray(),
            (externalIps ?? []).Select(ip => new NodeAddressSpec("ExternalIP", ip))
                .Concat(internalIps.Select(ip => new NodeAddressSpec("InternalIP", ip)))
                .Append(new NodeAddressSpec("Hostname", name))
                .ToEquatableArray());
}
