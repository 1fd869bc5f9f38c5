using AkoActors.AviSim.Api;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Keeps the DNS responder's zones equal to the DNS profile domains of the clouds: any write to a
/// cloud or an IPAM/DNS profile recomputes them.</summary>
internal sealed class DnsProfileRules(string typeName, CloudDirectory clouds, DnsRecordTable dns) : ObjectRules
{
    public override string TypeName => typeName;

    public override void Prepare(WriteContext context) => context.OnCommit(_ => Refresh());

    public override void Deleting(StoredObject stored, List<Action> onCommit) => onCommit.Add(Refresh);

    public void Refresh()
    {
        var domains = clouds.DnsDomains(null, out var ttl);
        dns.SetDomains(domains, ttl);
    }
}
