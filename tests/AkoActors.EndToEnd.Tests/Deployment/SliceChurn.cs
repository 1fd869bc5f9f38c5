using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>LoadBalancer Services without a selector whose EndpointSlice the test writes itself: each change adds a second
/// endpoint or takes it away again, so a test knows what every pool must end up holding.</summary>
public sealed class SliceChurn(IKubernetes client, string ns)
{
    private readonly Dictionary<string, int> _endpoints = new(StringComparer.Ordinal);

    public int Expected(string service)
    {
        lock (_endpoints) return _endpoints[service];
    }

    public async Task CreateAsync(string service)
    {
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = service },
            Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
        }, ns);
        await client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(service, 1), ns);
        lock (_endpoints) _endpoints[service] = 1;
    }

    /// <summary>Changes the slices round robin until cancelled, one change about every 40 ms (pacing the load).</summary>
    public async Task RunAsync(IReadOnlyList<string> services, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            await ChangeAsync(services[n % services.Count]);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(40), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One change: a second endpoint added, or taken away again.</summary>
    public async Task ChangeAsync(string service)
    {
        var next = Expected(service) == 1 ? 2 : 1;
        var current = await client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(SliceName(service), ns, cancellationToken: CancellationToken.None);
        await client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(Slice(service, next, current.Metadata.ResourceVersion), SliceName(service), ns,
            cancellationToken: CancellationToken.None);
        lock (_endpoints) _endpoints[service] = next;
    }

    private static string SliceName(string service) => $"{service}-churn";

    private static V1EndpointSlice Slice(string service, int endpoints, string? resourceVersion = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = SliceName(service),
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service, ["endpointslice.kubernetes.io/managed-by"] = "ako-actors-e2e" },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Port = 8080, Protocol = "TCP" }],
        Endpoints = Enumerable.Range(1, endpoints)
            .Select(i => new V1Endpoint { Addresses = [$"10.244.{int.Parse(service[^2..], System.Globalization.CultureInfo.InvariantCulture)}.{i}"], Conditions = new V1EndpointConditions { Ready = true } })
            .ToList(),
    };
}
