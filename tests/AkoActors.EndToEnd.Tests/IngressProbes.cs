using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests;

/// <summary>What a test reads off an Ingress as it changes: every status it goes through, from a watch.</summary>
internal static class IngressProbes
{
    /// <summary>Records the distinct addresses Ingress <paramref name="ns"/>/<paramref name="name"/> shows at each change,
    /// space-separated in status order (an emptied status as ""), until <paramref name="cancellation"/>.</summary>
    public static async Task WatchAddressesAsync(ControllerWorld world, string ns, string name, List<string> seen, CancellationToken cancellation)
    {
        try
        {
            await foreach (var (_, ingress) in world.Client.NetworkingV1.WatchListNamespacedIngressAsync(ns, cancellationToken: cancellation))
            {
                if (ingress.Metadata.Name != name) continue;
                lock (seen) seen.Add(string.Join(' ', (ingress.Status?.LoadBalancer?.Ingress?.Select(i => i.Ip) ?? []).Distinct(StringComparer.Ordinal)));
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
