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
    bool IsDeleting = false)
{
    public const string TypeLoadBalancer = "LoadBalancer";

    public bool IsLoadBalancer => Type == TypeLoadBalancer;
}
