namespace AkoActors.Domain.HostRules;

/// <summary>Where a HostRule's TLS certificate comes from: an <c>sslkeyandcertificate</c> already on the Avi Controller
/// (<c>type: ref</c>) or a TLS Secret in the HostRule's namespace (<c>type: secret</c>).</summary>
public sealed record CertificateSource(string Name, bool IsSecret)
{
    public override string ToString() => IsSecret ? $"Secret {Name}" : $"sslkeyandcertificate {Name}";
}
