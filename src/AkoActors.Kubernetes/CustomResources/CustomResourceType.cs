namespace AkoActors.Kubernetes.CustomResources;

/// <summary>Where a custom resource is served (group, the version read, plural): AKO's CRDs, and the CNI objects AKO reads
/// pod CIDRs from.</summary>
public sealed record CustomResourceType(string Group, string Version, string Plural, string Kind)
{
    public static CustomResourceType HostRule { get; } = new("ako.vmware.com", "v1beta1", "hostrules", "HostRule");

    public static CustomResourceType HttpRule { get; } = new("ako.vmware.com", "v1beta1", "httprules", "HTTPRule");

    public static CustomResourceType L4Rule { get; } = new("ako.vmware.com", "v1alpha2", "l4rules", "L4Rule");

    /// <summary>Cluster scope; v1beta1 is AKO 1.11.1's storage version.</summary>
    public static CustomResourceType AviInfraSetting { get; } = new("ako.vmware.com", "v1beta1", "aviinfrasettings", "AviInfraSetting");

    public string ApiVersion => $"{Group}/{Version}";
}
