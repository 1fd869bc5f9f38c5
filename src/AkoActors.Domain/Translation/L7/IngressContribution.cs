using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Translation.L7;

/// <summary>What one Ingress asks of one shared VS: the hosts (with paths, backends and TLS) that hash to that VS.</summary>
/// <param name="Created">Decides who wins when two Ingresses claim the same host and path: the older one.</param>
public sealed record IngressContribution(IngressKey Ingress, DateTimeOffset Created, EquatableArray<HostRoute> Hosts)
{
    public bool IsEmpty => Hosts.IsEmpty;
}
