using System.Net;

namespace AkoActors.AviSim.Dns;

/// <summary>The records the DNS virtual service serves, kept current by vsvip writes and read by the UDP/TCP
/// responder without touching the object store's lock.</summary>
/// <remarks>Every FQDN is kept; whether it is served depends on the DNS profile domains at query time, so a
/// domain added later starts answering for names that were already there.</remarks>
internal sealed class DnsRecordTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DnsAddressRecord>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DnsAddressRecord>> _byOwner = new(StringComparer.Ordinal);
    private string[] _domains = [];

    public int DefaultTtl { get; private set; } = 30;

    public IReadOnlyList<string> Domains
    {
        get
        {
            lock (_gate)
            {
                return _domains;
            }
        }
    }

    public void SetDomains(IEnumerable<string> domains, int defaultTtl)
    {
        var normalised = domains
            .Select(d => d.Trim().Trim('.').ToLowerInvariant())
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        lock (_gate)
        {
            _domains = normalised;
            DefaultTtl = defaultTtl;
        }
    }

    /// <summary>Replaces everything <paramref name="owner"/> published with the given names and addresses.</summary>
    public void Publish(string owner, string description, IEnumerable<(string Fqdn, int? Ttl)> names, IReadOnlyList<IPAddress> addresses)
    {
        lock (_gate)
        {
            WithdrawLocked(owner);
            var records = new List<DnsAddressRecord>();
            foreach (var (fqdn, ttl) in names)
            {
                var key = Normalise(fqdn);
                foreach (var address in addresses)
                {
                    records.Add(new DnsAddressRecord(key, address, ttl ?? DefaultTtl, owner, description));
                }
            }
            if (records.Count == 0)
            {
                return;
            }
            _byOwner[owner] = records;
            foreach (var record in records)
            {
                if (!_byName.TryGetValue(record.Fqdn, out var list))
                {
                    list = [];
                    _byName[record.Fqdn] = list;
                }
                list.Add(record);
            }
        }
    }

    public void Withdraw(string owner)
    {
        lock (_gate)
        {
            WithdrawLocked(owner);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byName.Clear();
            _byOwner.Clear();
        }
    }

    public DnsLookupOutcome Lookup(string name, out IReadOnlyList<DnsAddressRecord> records)
    {
        var key = Normalise(name);
        lock (_gate)
        {
            if (!InDomains(key))
            {
                records = [];
                return DnsLookupOutcome.Refused;
            }
            if (_byName.TryGetValue(key, out var list))
            {
                records = list.ToArray();
                return DnsLookupOutcome.Answer;
            }
            records = [];
            return DnsLookupOutcome.NameError;
        }
    }

    /// <summary>Every served record (inside the domains), grouped per FQDN in name order.</summary>
    public IReadOnlyList<DnsAddressRecord> ServedRecords()
    {
        lock (_gate)
        {
            return _byName
                .Where(kv => InDomains(kv.Key))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .SelectMany(kv => kv.Value)
                .ToArray();
        }
    }

    private bool InDomains(string name) =>
        _domains.Any(d => name == d || name.EndsWith("." + d, StringComparison.Ordinal));

    private void WithdrawLocked(string owner)
    {
        if (!_byOwner.Remove(owner, out var records))
        {
            return;
        }
        foreach (var record in records)
        {
            if (_byName.TryGetValue(record.Fqdn, out var list))
            {
                list.RemoveAll(r => r.OwnerUuid == owner);
                if (list.Count == 0)
                {
                    _byName.Remove(record.Fqdn);
                }
            }
        }
    }

    private static string Normalise(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();
}
