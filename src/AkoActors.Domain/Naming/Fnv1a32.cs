using System.Text;

namespace AkoActors.Domain.Naming;

/// <summary>FNV-1a 32-bit over UTF-8 bytes: the hash AKO uses to pick a host's shard VS (Go's hash/fnv New32a).</summary>
public static class Fnv1a32
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash(string value)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
