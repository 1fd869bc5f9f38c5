using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Kubernetes.Leases;

/// <summary>The cluster Lease in Kubernetes (<c>coordination.k8s.io/v1</c>): holder in <c>holderIdentity</c>, the holder's
/// cluster members in an annotation, optimistic concurrency by <c>resourceVersion</c>.</summary>
public sealed class KubernetesClusterLeaseStore(IKubernetes client, string ns, string name) : IClusterLeaseStore
{
    public const string MembersAnnotation = "ako-actors.io/cluster-members";

    public string Namespace => ns;

    public string Name => name;

    public async Task<ClusterLeaseRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var annotated = lease.Metadata.Annotations is { } annotations && annotations.TryGetValue(MembersAnnotation, out var list) ? list : null;
            var members = annotated?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var renewed = lease.Spec?.RenewTime ?? lease.Spec?.AcquireTime ?? DateTime.MinValue;
            return new ClusterLeaseRecord(
                lease.Spec?.HolderIdentity ?? string.Empty,
                members,
                new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc)),
                TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0),
                lease.Metadata.ResourceVersion);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> TryWriteAsync(ClusterLeaseRecord record, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                ResourceVersion = record.ResourceVersion,
                Annotations = new Dictionary<string, string> { [MembersAnnotation] = string.Join(' ', record.Members) },
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ako-actors" },
            },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = record.Holder,
                LeaseDurationSeconds = (int)Math.Ceiling(record.Duration.TotalSeconds),
                RenewTime = record.RenewTime.UtcDateTime,
                AcquireTime = record.RenewTime.UtcDateTime,
            },
        };
        try
        {
            if (record.ResourceVersion is null) await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            else await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
