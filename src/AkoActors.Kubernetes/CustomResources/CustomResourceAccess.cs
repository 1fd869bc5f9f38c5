using System.Net;
using System.Runtime.CompilerServices;
using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Kubernetes.CustomResources;

/// <summary>List and watch delegates for an informer of a custom resource (AKO's CRDs, a CNI's pod-CIDR objects), tolerating
/// a CRD that is not installed: the list says so with <see cref="ResourceNotServedException"/>, and the informer holds an
/// empty cache and looks again (AKO waits forever for such an informer; this controller serves everything else).</summary>
public static class CustomResourceAccess
{
    public static Informer<CustomResource, CustomResourceList>.ListPage List(IKubernetes client, CustomResourceType type) =>
        async (token, limit, ct) =>
        {
            try
            {
                var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CustomResourceList>(
                    type.Group, type.Version, type.Plural, continueParameter: token, limit: limit, cancellationToken: ct).ConfigureAwait(false);
                return response.Body;
            }
            catch (HttpOperationException missing) when (missing.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ResourceNotServedException($"{type.Plural}.{type.Group}/{type.Version}");
            }
        };

    public static Informer<CustomResource, CustomResourceList>.Watch Watch(IKubernetes client, CustomResourceType type) =>
        (resourceVersion, timeout, onError, ct) => Typed(client.CustomObjects.WatchListClusterCustomObjectAsync(
            type.Group, type.Version, type.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeout,
            onError: onError, cancellationToken: ct), ct);

    /// <summary>The client hands custom objects out untyped; they are read back as <see cref="CustomResource"/>.</summary>
    private static async IAsyncEnumerable<(WatchEventType, CustomResource)> Typed(
        IAsyncEnumerable<(WatchEventType, object)> events, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (type, item) in events.WithCancellation(ct).ConfigureAwait(false))
        {
            var json = item is System.Text.Json.JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(item);
            yield return (type, KubernetesJson.Deserialize<CustomResource>(json));
        }
    }
}
