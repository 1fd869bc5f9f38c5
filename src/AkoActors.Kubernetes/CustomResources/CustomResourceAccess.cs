using System.Net;
using System.Runtime.CompilerServices;
using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Kubernetes.CustomResources;

/// <summary>List and watch delegates for an informer of a custom resource (AKO's CRDs, a CNI's pod-CIDR objects), tolerating
/// a CRD that is not installed: that reads as an empty list (AKO waits forever for such an informer; this controller serves
/// everything else and looks again).</summary>
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
                return new CustomResourceList { Metadata = new V1ListMeta { ResourceVersion = string.Empty } };
            }
        };

    /// <param name="absentRecheck">How long to wait before listing again while the CRD is not installed.</param>
    /// <param name="clock">The clock that wait runs on (the informers' injected one).</param>
    public static Informer<CustomResource, CustomResourceList>.Watch Watch(
        IKubernetes client, CustomResourceType type, TimeSpan absentRecheck, TimeProvider clock) =>
        (resourceVersion, timeout, onError, ct) => string.IsNullOrEmpty(resourceVersion)
            ? RelistLater(absentRecheck, clock, ct)
            : Typed(client.CustomObjects.WatchListClusterCustomObjectAsync(
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

    /// <summary>An empty list has no resourceVersion to watch from: wait, then end the way an expired watch does, so the
    /// informer lists again and finds the CRD once it is installed.</summary>
    private static async IAsyncEnumerable<(WatchEventType, CustomResource)> RelistLater(
        TimeSpan delay, TimeProvider clock, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(delay, clock, ct).ConfigureAwait(false);
        throw new HttpOperationException("custom resource not served yet")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), string.Empty),
        };
#pragma warning disable CS0162 // an async iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}
