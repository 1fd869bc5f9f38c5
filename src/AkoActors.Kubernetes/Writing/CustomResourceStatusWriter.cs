using System.Net;
using System.Text.Json.Nodes;
using AkoActors.Domain.CustomResources;
using AkoActors.Kubernetes.CustomResources;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Writing;

/// <summary>Patches AKO rule resources' status subresource with KubernetesClient's custom-object API.</summary>
public sealed class CustomResourceStatusWriter(IKubernetes client, ILogger<CustomResourceStatusWriter> logger) : ICustomResourceStatusWriter
{
    public async Task PatchStatusAsync(CustomResourceType type, string ns, string name, RuleStatus status, long generation, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = new JsonObject { ["status"] = status.Status, ["error"] = status.Error } };
        // The status first: until the annotation names this generation, readers treat the status as not yet decided.
        var decided = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [RuleAdmission.Annotation] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        };
        try
        {
            if (string.IsNullOrEmpty(ns))
            {
                // Cluster scope (AviInfraSetting).
                await client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                    new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, type.Plural, name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await client.CustomObjects.PatchClusterCustomObjectAsync(
                    new V1Patch(decided.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, type.Plural, name,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, ns, type.Plural, name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(decided.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, ns, type.Plural, name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("{Kind} {Namespace}/{Name} is gone; its status needs no update", type.Kind, ns, name);
        }
    }
}
