using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Domain.Translation.L7;

/// <summary>What is wrong with a TLS Secret's certificate before it reaches the controller: unreadable PEM or a key that is not
/// the certificate's (not served: the controller would refuse it) or a validity window that excludes now (served, as AKO
/// serves it — AKO passes the Secret to the controller without checking dates, and the controller accepts it — with a
/// Warning, because clients will refuse it).</summary>
public sealed record TlsCertificateCheck(string Reason, string Finding, string Fix, bool Served)
{
    public const string InvalidReason = "InvalidTlsSecret";
    public const string ExpiredReason = "CertificateExpired";
    public const string NotYetValidReason = "CertificateNotYetValid";

    /// <summary>Null when the certificate and key are usable and valid at <paramref name="now"/>. Whether the key is the
    /// certificate's was found when the Secret was cached (<see cref="TlsSecretSnapshot.KeyPairProblem"/>): the key is not kept.</summary>
    public static TlsCertificateCheck? Check(TlsSecretSnapshot secret, DateTimeOffset now)
    {
        const string fix = "Put a PEM certificate and its own unencrypted PEM private key in tls.crt and tls.key";
        if (secret.KeyPairProblem is { } problem) return new TlsCertificateCheck(InvalidReason, problem, fix, Served: false);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(secret.Certificate);
        }
        catch (CryptographicException exception)
        {
            return new TlsCertificateCheck(InvalidReason,
                $"holds a tls.crt/tls.key pair that cannot be used ({exception.Message.TrimEnd('.')})", fix, Served: false);
        }
        catch (ArgumentException exception)
        {
            return new TlsCertificateCheck(InvalidReason,
                $"holds no readable PEM certificate or key ({exception.Message.TrimEnd('.')})", fix, Served: false);
        }
        using (certificate)
        {
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
            if (notAfter < now)
            {
                return new TlsCertificateCheck(ExpiredReason,
                    $"holds a certificate that expired on {notAfter.ToString("u", CultureInfo.InvariantCulture)}; it is served, but clients will refuse it",
                    "Renew the certificate (or let cert-manager renew it) and update the Secret", Served: true);
            }
            if (notBefore > now)
            {
                return new TlsCertificateCheck(NotYetValidReason,
                    $"holds a certificate that is not valid before {notBefore.ToString("u", CultureInfo.InvariantCulture)}; it is served, but clients will refuse it until then",
                    "Check the issuer's clock or issue a certificate valid from now", Served: true);
            }
        }
        return null;
    }

    /// <summary>The Warning for the Ingress that uses the Secret, naming the Secret, its hosts and the fix.</summary>
    public UserProblem Problem(IngressKey ingress, TlsSecretSnapshot secret, IReadOnlyCollection<string> hosts) =>
        new(Reason, $"TLS Secret {secret.Namespace}/{secret.Name} of Ingress {ingress} {Finding}; hosts {string.Join(", ", hosts)}" +
                    $"{(Served ? " are served with it" : " are not served")}. {Fix}");
}
