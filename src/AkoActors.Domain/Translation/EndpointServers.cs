using AkoActors.Domain.Avi;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Domain.Translation;

/// <summary>Turns a Service's EndpointSlices into pool servers for one Service port (ClusterIP mode: pod IP and target port).</summary>
/// <remarks>Starting pods (not ready, not serving) are left out, as kube-proxy leaves them out; terminating pods that still
/// serve stay in the pool disabled, so connections drain instead of being cut.</remarks>
public static class EndpointServers
{
    public static List<PoolServer> ForPort(ServicePortSpec servicePort, IEnumerable<EndpointSliceSnapshot> slices)
    {
        var servers = new Dictionary<(string, int), PoolServer>();
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6")) continue;
            var port = MatchingPort(servicePort, slice);
            if (port?.Port is not { } number) continue;
            foreach (var endpoint in slice.Endpoints)
            {
                if (!IsInPool(endpoint) || endpoint.Addresses.IsEmpty) continue;
                // An endpoint's first address is the one consumers use (the API allows one today, more later).
                var server = new PoolServer(endpoint.Addresses[0], number, endpoint.Ready && !endpoint.Terminating);
                var key = (server.Ip, server.Port);
                // The same pod in two slices (during a slice split) counts once, enabled if either copy says so.
                if (!servers.TryGetValue(key, out var existing) || (!existing.Enabled && server.Enabled)) servers[key] = server;
            }
        }
        return Sorted(servers.Values);
    }

    /// <summary>True when at least one slice port matches the Service port; false means the slices name ports the Service does not have.</summary>
    public static bool HasMatchingPort(ServicePortSpec servicePort, IEnumerable<EndpointSliceSnapshot> slices) =>
        slices.Any(s => MatchingPort(servicePort, s) is not null);

    public static bool IsInPool(EndpointSpec endpoint) => endpoint.Ready || (endpoint.Serving && endpoint.Terminating);

    public static List<PoolServer> Sorted(IEnumerable<PoolServer> servers) =>
        servers.OrderBy(s => s.IpType, StringComparer.Ordinal)
               .ThenBy(s => System.Net.IPAddress.TryParse(s.Ip, out var ip) ? ip.GetAddressBytes() : [], ByteArrayComparer.Instance)
               .ThenBy(s => s.Ip, StringComparer.Ordinal)
               .ThenBy(s => s.Port)
               .ToList();

    /// <summary>Slice ports carry the Service port's name; unnamed single-port Services match on the target port number.</summary>
    private static EndpointPortSpec? MatchingPort(ServicePortSpec servicePort, EndpointSliceSnapshot slice)
    {
        var name = servicePort.Name ?? string.Empty;
        var byName = slice.Ports.FirstOrDefault(p => (p.Name ?? string.Empty) == name && Same(p.Protocol, servicePort.Protocol));
        if (byName is not null) return byName;
        return servicePort.TargetPort.Number is { } target
            ? slice.Ports.FirstOrDefault(p => p.Port == target && string.IsNullOrEmpty(p.Name) && Same(p.Protocol, servicePort.Protocol))
            : null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed class ByteArrayComparer : IComparer<byte[]>
    {
        public static ByteArrayComparer Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y)
        {
            x ??= [];
            y ??= [];
            var length = Math.Min(x.Length, y.Length);
            for (var i = 0; i < length; i++)
            {
                var c = x[i].CompareTo(y[i]);
                if (c != 0) return c;
            }
            return x.Length.CompareTo(y.Length);
        }
    }
}
