using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Records, through a real KubernetesClient watch, each change of the ready addresses a Service's EndpointSlice
/// publishes (starting from "no slice, no address"), so a test can bound the controller's pool writes by what the API server
/// actually published rather than by how quickly a loaded machine makes pods ready.</summary>
public sealed class ReadySetRecorder
{
    private readonly object _lock = new();
    private readonly List<IReadOnlyList<string>> _changes = [[]];

    /// <summary>The distinct consecutive ready sets so far, oldest first (sorted addresses each).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Changes
    {
        get
        {
            lock (_lock) return _changes.ToList();
        }
    }

    /// <summary>Watches until cancelled; started before the Service exists, so no change is missed.</summary>
    public async Task RecordAsync(IKubernetes client, string ns, string service, CancellationToken cancellationToken)
    {
        var selector = $"kubernetes.io/service-name={service}";
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        foreach (var slice in list.Items) Record(Ready(slice));
        try
        {
            await foreach (var (type, slice) in client.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(
                               ns, labelSelector: selector, resourceVersion: list.Metadata.ResourceVersion, timeoutSeconds: 600, cancellationToken: cancellationToken))
            {
                Record(type == WatchEventType.Deleted ? [] : Ready(slice));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Done recording.
        }
    }

    private void Record(IReadOnlyList<string> ready)
    {
        lock (_lock)
        {
            if (!_changes[^1].SequenceEqual(ready)) _changes.Add(ready);
        }
    }

    private static List<string> Ready(V1EndpointSlice slice) =>
        (slice.Endpoints ?? []).Where(e => e.Conditions?.Ready != false).SelectMany(e => e.Addresses).Order(StringComparer.Ordinal).ToList();
}
