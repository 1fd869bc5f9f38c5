using System.Text;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Secret → <see cref="TlsSecretSnapshot"/>; only TLS material is kept, nothing else of any Secret.</summary>
public static class SecretSnapshots
{
    public const string TlsType = "kubernetes.io/tls";

    /// <summary>Null for Secrets that cannot hold a certificate (not kubernetes.io/tls and no tls.crt).</summary>
    public static TlsSecretSnapshot? From(V1Secret secret)
    {
        var data = secret.Data;
        var hasCertificate = data is not null && data.ContainsKey("tls.crt");
        if (secret.Type != TlsType && !hasCertificate) return null;
        return new TlsSecretSnapshot(
            secret.Metadata.NamespaceProperty ?? "default",
            secret.Metadata.Name,
            secret.Type ?? string.Empty,
            Text(data, "tls.crt"),
            Text(data, "tls.key"));
    }

    private static string? Text(IDictionary<string, byte[]>? data, string key) =>
        data is not null && data.TryGetValue(key, out var bytes) && bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : null;
}
