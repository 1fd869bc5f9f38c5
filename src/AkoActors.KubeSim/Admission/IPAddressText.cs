using System.Net;
using System.Net.Sockets;

namespace AkoActors.KubeSim.Admission;

/// <summary>Whether text is an IP address the way Go's parser (and so kube-apiserver) reads it: a dotted quad or IPv6, never .NET's shorthands such as "10.1" or "1".</summary>
public static class IPAddressText
{
    /// <summary>True for "10.9.8.7" or "2001:db8::ffff"; false for "10.1", "abc" or "".</summary>
    public static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var address) &&
        (address.AddressFamily == AddressFamily.InterNetworkV6 || (text.Count(c => c == '.') == 3 && text.All(c => char.IsAsciiDigit(c) || c == '.')));
}
