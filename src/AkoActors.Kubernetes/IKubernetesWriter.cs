using AkoActors.Domain.Kubernetes;

namespace AkoActors.Kubernetes;

/// <summary>The two writes this controller makes to Kubernetes: load-balancer status and events.</summary>
/// <remarks>Narrow on purpose: actor tests script every reply and failure through a probe-backed fake of it.</remarks>
public interface IKubernetesWriter
{
    /// <summary>Merge-patches <c>status.loadBalancer.ingress</c> of a Service or Ingress (the status subresource only).</summary>
    Task PatchLoadBalancerStatusAsync(KubeObjectRef target, IReadOnlyList<LoadBalancerIngressStatus> ingress, CancellationToken cancellationToken);

    /// <summary>Records an event on the object; repeats of the same event are rate-limited, never an error.</summary>
    Task RecordEventAsync(KubeObjectRef target, KubeEvent kubeEvent, CancellationToken cancellationToken);
}
