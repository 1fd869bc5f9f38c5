using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AkoActors.Kubernetes.CniObjects;

/// <summary>A page of <see cref="CniPodCidrObject"/>s, as the informer lists them.</summary>
public sealed class CniPodCidrObjectList : IItems<CniPodCidrObject>, IMetadata<V1ListMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<CniPodCidrObject> Items { get; set; } = [];
}
