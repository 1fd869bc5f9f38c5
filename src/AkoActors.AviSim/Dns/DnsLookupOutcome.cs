namespace AkoActors.AviSim.Dns;

/// <summary>What the responder answers for a name: records, "no such name" inside its zones, or a refusal
/// for names it is not authoritative for.</summary>
internal enum DnsLookupOutcome
{
    Answer,
    NameError,
    Refused,
}
