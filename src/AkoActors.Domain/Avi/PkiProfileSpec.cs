namespace AkoActors.Domain.Avi;

/// <summary>A PKI profile made from an HTTPRule's <c>destinationCA</c>, so the pool verifies its re-encrypted backends.</summary>
public sealed record PkiProfileSpec(string Name, string CaCertificatePem, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.PkiProfile;

    public override IEnumerable<AviRef> References => [];

    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is PkiProfileSpec other && other.Name == Name && other.Meta == Meta &&
        SslCertificateSpec.Normalise(other.CaCertificatePem) == SslCertificateSpec.Normalise(CaCertificatePem);
}
