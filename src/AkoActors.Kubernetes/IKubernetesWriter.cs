using AkoActors.Domain.Kubernetes;

namespace AkoActors.Kubernetes;

/// <summary>The writes this controller makes to Kubernetes: load-balancer status, AKO's VS annotations and events.</summary>
/// <remarks>Narrow on purpose: actor tests script every reply and failure through a probe-backed fake of it.</remarks>
public interface IKubernetesWriter
{
    /// <summary>Merge-patches <c>status.loadBalancer.ingress</c> of a Service or Ingress (the status subresource only).</summary>
    Task PatchLoadBalancerStatusAsync(KubeObjectRef target, IReadOnlyList<LoadBalancerIngressStatus> ingress, CancellationToken cancellationToken);

    /// <summary>Merge-patches AKO's three <c>ako.vmware.com/*</c> annotations of a Service or Ingress (removes them when
    /// <see cref="AkoVsAnnotations.IsRemoval"/>), leaving every other annotation alone.</summary>
    Task PatchAkoAnnotationsAsync(KubeObjectRef target, AkoVsAnnotations annotations, CancellationToken cancellationToken);

    /// <summary>Records an event on the object; repeats of the same event are rate-limited, never an error.</summary>
    Task RecordEventAsync(KubeObjectRef target, KubeEvent kubeEvent, CancellationToken cancellationToken);
}
