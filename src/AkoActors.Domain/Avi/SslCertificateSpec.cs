using System.Text;

namespace AkoActors.Domain.Avi;

/// <summary>A certificate and key from a TLS Secret, for an SNI child. The controller never returns the key, so only the
/// certificate is compared; a new key always comes with a new certificate.</summary>
/// <param name="KeyPem">Null when read back from the controller.</param>
public sealed record SslCertificateSpec(string Name, string CertificatePem, string? KeyPem, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.SslKeyAndCertificate;

    public override IEnumerable<AviRef> References => [];

    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is SslCertificateSpec other && other.Name == Name && Normalise(other.CertificatePem) == Normalise(CertificatePem) && other.Meta == Meta;

    public static string Normalise(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Records print every property; this one must not, so logs never carry key material.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Certificate = <{CertificatePem.Length} chars>, Key = {(KeyPem is null ? "<not read>" : "<redacted>")}");
        return true;
    }
}
