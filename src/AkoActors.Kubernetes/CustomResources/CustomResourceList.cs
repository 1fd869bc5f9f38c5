using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AkoActors.Kubernetes.CustomResources;

/// <summary>A list page of <see cref="CustomResource"/>s, with the continue token and resourceVersion the informer pages and watches with.</summary>
public sealed class CustomResourceList : IItems<CustomResource>, IMetadata<V1ListMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<CustomResource> Items { get; set; } = [];
}
