using k8s;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Every address one Service's status shows, in order, as a watch delivers it (an emptied status is recorded as
/// ""): what a test reads to prove a move never left the Service without an EXTERNAL-IP.</summary>
public static class ServiceStatusHistory
{
    /// <summary>Records into <paramref name="seen"/> (under its lock) until <paramref name="cancellation"/> is cancelled.</summary>
    public static async Task RecordAsync(IKubernetes client, string ns, string name, List<string> seen, CancellationToken cancellation)
    {
        try
        {
            await foreach (var (_, service) in client.CoreV1.WatchListNamespacedServiceAsync(ns, cancellationToken: cancellation))
            {
                if (service.Metadata.Name != name) continue;
                lock (seen) seen.Add(service.Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip ?? "");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (HttpRequestException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
