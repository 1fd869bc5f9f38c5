using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkoActors.Testing;

/// <summary>Throw-away TLS material for tests: an RSA 2048 key and a self-signed certificate for one host, valid from
/// yesterday, as PEM — what a TLS Secret holds.</summary>
public static class SelfSignedCertificates
{
    public static (string Certificate, string Key) For(string host, int validDays = 30)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(validDays));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
