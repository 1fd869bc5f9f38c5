using System.Text;

namespace AkoActors.Domain.Avi;

/// <summary>A certificate from a TLS Secret, for an SNI child. The controller never returns the key, so only the certificate is
/// compared (a new key always comes with a new certificate); the key is fetched from its Secret only when the object is written.</summary>
/// <param name="Key">Where the key is fetched from when written; null when read back from the controller.</param>
public sealed record SslCertificateSpec(string Name, string CertificatePem, TlsKeyRef? Key, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.SslKeyAndCertificate;

    public override IEnumerable<AviRef> References => [];

    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is SslCertificateSpec other && other.Name == Name && Normalise(other.CertificatePem) == Normalise(CertificatePem) && other.Meta == Meta;

    public static string Normalise(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Records print every property; the certificate is long, so it is printed as its length.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Certificate = <{CertificatePem.Length} chars>, Key = {(Key is null ? "<not read>" : Key.ToString())}");
        return true;
    }
}
