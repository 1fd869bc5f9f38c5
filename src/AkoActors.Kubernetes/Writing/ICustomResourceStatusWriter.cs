using AkoActors.Domain.HostRules;
using AkoActors.Domain.Keys;

namespace AkoActors.Kubernetes.Writing;

/// <summary>Writes the status AKO's custom resources carry (<c>status.status</c> Accepted/Rejected, <c>status.error</c>).</summary>
/// <remarks>Narrow on purpose, like <see cref="IKubernetesWriter"/>: actor tests script it through a fake.</remarks>
public interface ICustomResourceStatusWriter
{
    /// <summary>Merge-patches the HostRule's status subresource, then records the generation it was decided for (annotation
    /// <see cref="HostRuleSnapshot.DecidedGenerationAnnotation"/>); a HostRule deleted meanwhile is not an error.</summary>
    Task PatchHostRuleStatusAsync(HostRuleKey key, HostRuleStatus status, long generation, CancellationToken cancellationToken);
}
