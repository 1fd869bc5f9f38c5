using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkoActors.Domain.Kubernetes;
using Xunit;

namespace AkoActors.Domain.Tests.Kubernetes;

/// <summary>A TLS Secret becomes its certificate, a fingerprint of its key and the verdict on the pair, found while the key
/// was in hand; nothing of the key itself is in the snapshot.</summary>
public sealed class TlsSecretSnapshotTests
{
    [Fact]
    public void A_usable_pair_keeps_the_certificate_and_the_keys_sha256_and_nothing_of_the_key()
    {
        var (certificate, key) = SelfSigned();

        var snapshot = TlsSecretSnapshot.FromPem("default", "web-tls", "kubernetes.io/tls", certificate, key);

        Assert.Equal(certificate, snapshot.Certificate);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))), snapshot.KeyFingerprint);
        Assert.Null(snapshot.KeyPairProblem);
        var body = key.Split('\n')[1];
        Assert.DoesNotContain(body, snapshot.ToString(), StringComparison.Ordinal);
        Assert.All(new[] { snapshot.Namespace, snapshot.Name, snapshot.Type, snapshot.Certificate!, snapshot.KeyFingerprint! },
            value => Assert.DoesNotContain(body, value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_is_found_while_the_key_is_in_hand()
    {
        var (certificate, _) = SelfSigned();
        var (_, otherKey) = SelfSigned();

        var snapshot = TlsSecretSnapshot.FromPem("default", "web-tls", "kubernetes.io/tls", certificate, otherKey);

        Assert.NotNull(snapshot.KeyFingerprint);
        Assert.StartsWith("holds a tls.crt/tls.key pair that cannot be used", snapshot.KeyPairProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_without_a_key_has_no_fingerprint_and_no_pair_to_judge()
    {
        var (certificate, _) = SelfSigned();

        var snapshot = TlsSecretSnapshot.FromPem("default", "web-tls", "kubernetes.io/tls", certificate, ReadOnlySpan<byte>.Empty);

        Assert.Null(snapshot.KeyFingerprint);
        Assert.Null(snapshot.KeyPairProblem);
    }

    private static (string Certificate, string Key) SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=secure.ako.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
