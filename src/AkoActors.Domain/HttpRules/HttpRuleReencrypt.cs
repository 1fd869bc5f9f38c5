namespace AkoActors.Domain.HttpRules;

/// <summary>A path's <c>tls</c> (type reencrypt): the SSL profile towards the backends (AKO's default <c>System-Standard</c>)
/// and how their certificates are verified — an Avi PKI profile by name, or a CA certificate a PKI profile is made from.</summary>
public sealed record HttpRuleReencrypt(string? SslProfile, string? PkiProfile, string? DestinationCa);
