namespace AkoActors.Kubernetes.CustomResources;

/// <summary>Where one of AKO's CRDs is served (group, the version AKO reads, plural).</summary>
public sealed record AkoCustomResourceType(string Group, string Version, string Plural, string Kind)
{
    public static AkoCustomResourceType HostRule { get; } = new("ako.vmware.com", "v1beta1", "hostrules", "HostRule");

    public static AkoCustomResourceType HttpRule { get; } = new("ako.vmware.com", "v1beta1", "httprules", "HTTPRule");

    public string ApiVersion => $"{Group}/{Version}";
}
