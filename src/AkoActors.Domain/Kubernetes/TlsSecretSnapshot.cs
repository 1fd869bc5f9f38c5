using System.Text;

namespace AkoActors.Domain.Kubernetes;

/// <summary>A Secret's TLS material (tls.crt / tls.key as PEM text); printing it never reveals the key.</summary>
public sealed record TlsSecretSnapshot(string Namespace, string Name, string Type, string? Certificate, string? Key)
{
    /// <summary>Records print every property; this one must not, so logs never carry key material.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Namespace = {Namespace}, Name = {Name}, Type = {Type}, ");
        builder.Append($"Certificate = {(Certificate is null ? "<missing>" : $"<{Certificate.Length} chars>")}, ");
        builder.Append($"Key = {(Key is null ? "<missing>" : "<redacted>")}");
        return true;
    }
}
