namespace AkoActors.Kubernetes.Informers;

/// <summary>Thrown by an informer's list when the API server does not serve the resource at all (404 on the list: a
/// CustomResourceDefinition that is not installed). The informer then holds an empty cache, counts as synced and looks
/// again later — a missing optional CRD is a state to report once, not an error to log on every look.</summary>
public sealed class ResourceNotServedException(string resource)
    : Exception($"the API server does not serve {resource} (its CustomResourceDefinition is not installed)")
{
    public string Resource { get; } = resource;
}
