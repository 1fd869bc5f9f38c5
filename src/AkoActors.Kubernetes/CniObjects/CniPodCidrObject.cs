using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AkoActors.Kubernetes.CniObjects;

/// <summary>A CNI's own record of a node's pod CIDRs (a Calico BlockAffinity or a CiliumNode), read as a custom object:
/// only metadata and spec matter, and the spec stays raw JSON so one type serves both CNIs.</summary>
public sealed class CniPodCidrObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public JsonElement Spec { get; set; }

    /// <summary>The client watches custom objects as untyped JSON; this reads each event's object as this type.</summary>
    public static async IAsyncEnumerable<(WatchEventType, CniPodCidrObject)> Typed(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            var json = item is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(item);
            yield return (type, KubernetesJson.Deserialize<CniPodCidrObject>(json));
        }
    }
}
