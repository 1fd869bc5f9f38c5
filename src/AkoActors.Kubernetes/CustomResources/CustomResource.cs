using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AkoActors.Kubernetes.CustomResources;

/// <summary>Any custom resource as the API server sends it: typed metadata, spec and status kept as JSON, so one informer
/// type serves AKO's four CRDs and a field the CRD adds later never breaks reading.</summary>
public sealed class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public JsonElement? Spec { get; set; }

    [JsonPropertyName("status")]
    public JsonElement? Status { get; set; }
}
