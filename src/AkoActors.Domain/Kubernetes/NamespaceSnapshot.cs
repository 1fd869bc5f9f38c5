namespace AkoActors.Domain.Kubernetes;

/// <summary>A Kubernetes Namespace's name and labels (for the namespace selector) and the Avi tenant it asks for.</summary>
/// <param name="TenantAnnotation">The value of <c>ako.vmware.com/tenant-name</c>, as written (null when absent).</param>
public sealed record NamespaceSnapshot(string Name, Collections.LabelSet Labels, string? TenantAnnotation = null)
{
    /// <summary>AKO 1.13's namespace annotation that puts the namespace's Avi objects in an Avi tenant.</summary>
    public const string TenantAnnotationKey = "ako.vmware.com/tenant-name";

    /// <summary>The value of <c>aviinfrasetting.ako.vmware.com/name</c> (the AviInfraSetting of the namespace's Services
    /// and Ingresses that name none of their own), as written; null when absent.</summary>
    public string? InfraSettingAnnotation { get; init; }
}
