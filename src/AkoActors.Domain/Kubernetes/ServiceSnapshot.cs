using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Kubernetes;

/// <summary>What the controller needs to know of a Kubernetes Service, read from the informer cache.</summary>
public sealed record ServiceSnapshot(
    ServiceKey Key,
    string Uid,
    string Type,
    string? LoadBalancerClass,
    EquatableArray<ServicePortSpec> Ports,
    LabelSet Annotations,
    string? LoadBalancerIp,
    bool ExternalTrafficPolicyLocal,
    EquatableArray<LoadBalancerIngressStatus> Status,
    bool IsDeleting = false,
    DateTimeOffset? Created = null)
{
    public const string TypeLoadBalancer = "LoadBalancer";

    public bool IsLoadBalancer => Type == TypeLoadBalancer;

    /// <summary>spec.ipFamilies as given (<c>IPv4</c>, <c>IPv6</c>); empty when unset, which the API server reads as IPv4.</summary>
    public EquatableArray<string> IpFamilies { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The object whose field <see cref="LoadBalancerIp"/> was taken from when it is not the Service's own (an
    /// L4Rule's <c>spec.loadBalancerIP</c>, e.g. <c>L4Rule team-a/rule</c>), so a refusal of that VIP names what to fix;
    /// null for the Service's own <c>spec.loadBalancerIP</c> or annotation.</summary>
    public string? LoadBalancerIpSource { get; init; }

    /// <summary>True when this Service came after the other (creation time, then name): of two Services whose Avi names
    /// collide, the newer one yields.</summary>
    public bool IsNewerThan(ServiceSnapshot other) =>
        (Created ?? DateTimeOffset.MaxValue).CompareTo(other.Created ?? DateTimeOffset.MaxValue) is var byTime && byTime != 0
            ? byTime > 0
            : string.CompareOrdinal(Key.ToString(), other.Key.ToString()) > 0;
}
