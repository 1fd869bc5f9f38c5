using AkoActors.Domain.CustomResources;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Writing;

/// <summary>Writes the status AKO's rule resources carry (<c>status.status</c> Accepted/Rejected, <c>status.error</c>).</summary>
/// <remarks>Narrow on purpose, like <see cref="IKubernetesWriter"/>: actor tests script it through a fake.</remarks>
public interface ICustomResourceStatusWriter
{
    /// <summary>Merge-patches the resource's status subresource, then records the generation it was decided for (annotation
    /// <see cref="RuleAdmission.Annotation"/>); a resource deleted meanwhile is not an error.</summary>
    Task PatchStatusAsync(CustomResourceType type, string ns, string name, RuleStatus status, long generation, CancellationToken cancellationToken);
}
