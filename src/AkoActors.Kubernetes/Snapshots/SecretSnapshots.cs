using System.Text;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Secret → <see cref="TlsSecretSnapshot"/>; only the certificate and a fingerprint of the key are kept, nothing
/// else of any Secret (the key is fetched again when a certificate is written, see <see cref="KubernetesTlsKeySource"/>).</summary>
/// <remarks>Only Secrets of type <c>kubernetes.io/tls</c> serve Ingress TLS (the type Kubernetes validates to carry
/// tls.crt and tls.key, and the one <c>kubectl create secret tls</c> makes); the informer asks the API server for those
/// only, with <see cref="TlsTypeSelector"/>.</remarks>
public static class SecretSnapshots
{
    public const string TlsType = "kubernetes.io/tls";

    public const string CertificateKey = "tls.crt";

    public const string PrivateKeyKey = "tls.key";

    /// <summary>The field selector that limits a list or watch of Secrets to TLS Secrets.</summary>
    public const string TlsTypeSelector = "type=" + TlsType;

    /// <summary>Null for Secrets that are not of type kubernetes.io/tls. The key's bytes are cleared once looked at: the
    /// informer's object is dropped after this call, and the key would otherwise wait in memory for the garbage collector.</summary>
    public static TlsSecretSnapshot? From(V1Secret secret)
    {
        var data = secret.Data;
        if (secret.Type != TlsType) return null;
        var key = data is not null && data.TryGetValue(PrivateKeyKey, out var bytes) && bytes is not null ? bytes : [];
        try
        {
            return TlsSecretSnapshot.FromPem(
                secret.Metadata.NamespaceProperty ?? "default",
                secret.Metadata.Name,
                secret.Type ?? string.Empty,
                Text(data, CertificateKey),
                key);
        }
        finally
        {
            Array.Clear(key);
        }
    }

    private static string? Text(IDictionary<string, byte[]>? data, string key) =>
        data is not null && data.TryGetValue(key, out var bytes) && bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : null;
}
