using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>Self-signed certificates with chosen validity windows, and a second key that belongs to none of them.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public string KeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>A private key that matches no certificate made here.</summary>
    public string OtherKeyPem => _otherKey.ExportPkcs8PrivateKeyPem();

    /// <summary>A certificate for <paramref name="host"/> valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public string CertificatePem(string host, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest($"CN={host}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return certificate.ExportCertificatePem();
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }
}
