using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace AkoActors.Domain.Networking;

/// <summary>An IPv4 or IPv6 prefix such as 10.244.3.0/24, normalised to its network address.</summary>
public sealed record IpCidr
{
    private IpCidr(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public bool IsIPv6 => Network.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Avi's address type for this family: V4 or V6.</summary>
    public string AviType => IsIPv6 ? "V6" : "V4";

    /// <summary>Parses <c>addr/len</c>; host bits must be zero, as Kubernetes and Avi both require.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpCidr? cidr, out string? error) =>
        TryParse(text, hostBitsAllowed: false, out cidr, out error);

    /// <summary>Parses <c>addr/len</c> as Go's <c>net.ParseCIDR</c> does for AKO: any address of the prefix names it
    /// (<c>10.0.0.1/24</c> is 10.0.0.0/24, the form of AKO's own values.yaml example).</summary>
    public static bool TryParseContaining(string? text, [NotNullWhen(true)] out IpCidr? cidr, out string? error) =>
        TryParse(text, hostBitsAllowed: true, out cidr, out error);

    private static bool TryParse(string? text, bool hostBitsAllowed, [NotNullWhen(true)] out IpCidr? cidr, out string? error)
    {
        cidr = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty CIDR";
            return false;
        }
        var parts = text.Trim().Split('/');
        if (parts.Length != 2)
        {
            error = $"'{text}' is not a CIDR (expected address/prefix-length)";
            return false;
        }
        if (!IPAddress.TryParse(parts[0], out var address) ||
            address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) ||
            parts[0].Contains('%'))
        {
            error = $"'{parts[0]}' in '{text}' is not an IP address";
            return false;
        }
        var maxLength = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out var length) || length > maxLength)
        {
            error = $"'{parts[1]}' in '{text}' is not a prefix length between 0 and {maxLength}";
            return false;
        }
        var network = Mask(address, length);
        if (!hostBitsAllowed && !network.Equals(address))
        {
            error = $"'{text}' has host bits set (the network is {network}/{length})";
            return false;
        }
        cidr = new IpCidr(network, length);
        return true;
    }

    public static IpCidr Parse(string text) =>
        TryParse(text, out var cidr, out var error) ? cidr : throw new FormatException(error);

    public bool Contains(IPAddress address) =>
        address.AddressFamily == Network.AddressFamily && Mask(address, PrefixLength).Equals(Network);

    /// <summary>True when the two prefixes share any address (one contains the other).</summary>
    public bool Overlaps(IpCidr other) =>
        other.Network.AddressFamily == Network.AddressFamily &&
        (Contains(other.Network) || other.Contains(Network));

    public bool Equals(IpCidr? other) =>
        other is not null && PrefixLength == other.PrefixLength && Network.Equals(other.Network);

    public override int GetHashCode() => HashCode.Combine(Network, PrefixLength);

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsInByte = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }
        return new IPAddress(bytes);
    }
}
