using System.Globalization;
using AkoActors.Domain.Naming;

namespace AkoActors.Domain.Translation.L7;

/// <summary>The set of shared L7 VSes an Ingress's hosts are spread over: those of one AviInfraSetting (or the controller's
/// own, <paramref name="InfraSetting"/> null) with its shard count. An Ingress whose family changes moves its hosts to the
/// new family make-before-break; within one family, a host that leaves a VS is retracted at once.</summary>
/// <param name="ShardCount">1, 4 or 8 (AKO's SMALL, MEDIUM, LARGE).</param>
public sealed record SharedVsFamily(string? InfraSetting, uint ShardCount)
{
    /// <summary>The VS serving <paramref name="host"/>: FNV-1a of the host among the family's shards, as AKO.</summary>
    public string VirtualServiceFor(string host, AviNames names) =>
        (names with { InfraSetting = InfraSetting }).SharedL7VirtualService(AviNames.ShardIndex(host, ShardCount));

    /// <summary>Every VS name of the family.</summary>
    public IEnumerable<string> VirtualServices(AviNames names)
    {
        var own = names with { InfraSetting = InfraSetting };
        return Enumerable.Range(0, (int)ShardCount).Select(own.SharedL7VirtualService);
    }

    public override string ToString() =>
        $"{InfraSetting ?? "(controller's own)"}/{ShardCount.ToString(CultureInfo.InvariantCulture)}";
}
