using System.Net;
using System.Net.Sockets;

namespace AkoActors.Domain.Avi;

/// <summary>One <c>servers[]</c> entry of a pool: a pod (or node) address and port, enabled when it may take traffic.</summary>
public sealed record PoolServer(string Ip, int Port, bool Enabled)
{
    /// <summary>Avi's address type for the server's IP: V4 or V6.</summary>
    public string IpType => IPAddress.TryParse(Ip, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? "V6" : "V4";

    public override string ToString() => $"{Ip}:{Port}{(Enabled ? "" : " (disabled)")}";
}
