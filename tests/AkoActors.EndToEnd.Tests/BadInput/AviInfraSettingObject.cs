using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>An AviInfraSetting (<c>ako.vmware.com/v1beta1</c>, cluster scope) as the corpus sends it: KubernetesClient has no
/// model for AKO's CRDs, so the spec is the JSON a user would write, sent through the custom-objects API.</summary>
public sealed class AviInfraSettingObject : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "ako.vmware.com";
    public const string Version = "v1beta1";
    public const string Plural = "aviinfrasettings";

    public AviInfraSettingObject(string name, JsonObject spec)
    {
        Metadata = new V1ObjectMeta { Name = name };
        Spec = spec;
    }

    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    public string Kind { get; set; } = "AviInfraSetting";

    public V1ObjectMeta Metadata { get; set; }

    public JsonObject Spec { get; }

    /// <summary>The body the API server is sent, with the given <c>resourceVersion</c> for a replace.</summary>
    public JsonObject Body(string? resourceVersion = null)
    {
        var metadata = new JsonObject { ["name"] = Metadata.Name };
        if (resourceVersion is not null) metadata["resourceVersion"] = resourceVersion;
        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind, ["metadata"] = metadata, ["spec"] = Spec.DeepClone() };
    }
}
