using AkoActors.Domain.Naming;

namespace AkoActors.Domain.Tests.Naming;

public class Fnv1a32Tests
{
    // Golden values computed independently (the FNV reference vectors and a separate implementation);
    // AKO uses Go's hash/fnv New32a, so equal hashes mean equal shard choices.
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    [InlineData("nginx1.ako.example.com", 0x40ce817eu)]
    [InlineData("httpd1.ako.example.com", 0xd18b701au)]
    [InlineData("www.example.com", 0x88469fcbu)]
    [InlineData("münchen.example", 0xc542f8cfu)]
    public void Hash_matches_the_reference_fnv1a_32_over_utf8(string input, uint expected) =>
        Assert.Equal(expected, Fnv1a32.Hash(input));
}
