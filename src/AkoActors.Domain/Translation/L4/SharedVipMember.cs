using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Translation.L4;

/// <summary>A Service served on a shared VIP, with the FQDN its status and AKO's annotation name.</summary>
public sealed record SharedVipMember(ServiceKey Service, string? Fqdn);
