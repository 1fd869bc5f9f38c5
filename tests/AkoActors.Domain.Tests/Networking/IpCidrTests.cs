using System.Net;
using AkoActors.Domain.Networking;

namespace AkoActors.Domain.Tests.Networking;

public class IpCidrTests
{
    [Theory]
    [InlineData("10.244.3.0/24", "10.244.3.0", 24, false)]
    [InlineData("172.16.251.0/24", "172.16.251.0", 24, false)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, false)]
    [InlineData("10.0.0.1/32", "10.0.0.1", 32, false)]
    [InlineData("fd00:10:244:1::/64", "fd00:10:244:1::", 64, true)]
    [InlineData(" 10.244.0.0/16 ", "10.244.0.0", 16, false)]
    public void Valid_prefixes_parse(string text, string network, int length, bool v6)
    {
        Assert.True(IpCidr.TryParse(text, out var cidr, out var error), error);
        Assert.Equal(IPAddress.Parse(network), cidr.Network);
        Assert.Equal(length, cidr.PrefixLength);
        Assert.Equal(v6, cidr.IsIPv6);
        Assert.Equal(v6 ? "V6" : "V4", cidr.AviType);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("10.244.3.0", "not a CIDR")]
    [InlineData("10.244.3.0/33", "prefix length")]
    [InlineData("10.244.3.0/-1", "prefix length")]
    [InlineData("10.244.3.7/24", "host bits set")]
    [InlineData("10.244.300.0/24", "not an IP address")]
    [InlineData("nonsense/8", "not an IP address")]
    [InlineData("10.0.0.0/8/8", "not a CIDR")]
    public void Invalid_prefixes_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(IpCidr.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Overlap_is_containment_in_either_direction_within_one_family()
    {
        var wide = IpCidr.Parse("10.244.0.0/16");
        var narrow = IpCidr.Parse("10.244.3.0/24");
        var other = IpCidr.Parse("10.245.0.0/24");
        Assert.True(wide.Overlaps(narrow));
        Assert.True(narrow.Overlaps(wide));
        Assert.False(narrow.Overlaps(other));
        Assert.False(narrow.Overlaps(IpCidr.Parse("fd00::/8")));
        Assert.True(narrow.Contains(IPAddress.Parse("10.244.3.17")));
        Assert.False(narrow.Contains(IPAddress.Parse("10.244.4.17")));
    }
}
