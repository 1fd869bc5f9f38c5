using System.Text;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>sslkeyandcertificate: the certificate PEM (compared) and the key PEM (written, never returned by the controller). The
/// key is not in the spec: the gateway fetches it when it writes the object and adds it with <see cref="WriteKey"/>.</summary>
public sealed class SslCertificateCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.SslKeyAndCertificate;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var certificate = (SslCertificateSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = certificate.Name;
        json["type"] = "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE";
        json["certificate"] = new JsonObject { ["certificate"] = certificate.CertificatePem };
        JsonWrite.Meta(json, certificate.Meta);
        return json;
    }

    public AviObjectSpec Read(JsonObject json) =>
        new SslCertificateSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.String(json["certificate"]?["certificate"]) ?? string.Empty,
            null,
            JsonRead.Meta(json, hasServiceMetadata: false));

    /// <summary>The response carries no key (the controller answers "&lt;sensitive&gt;"): keep the spec written, whose key is a
    /// reference to its Secret, so a later PUT of this state fetches it again.</summary>
    public AviObjectSpec Observe(AviObjectSpec written, JsonObject response) => written;

    /// <summary>Puts the private key into a request body built by <see cref="Write"/>, just before it is sent.</summary>
    public static void WriteKey(JsonObject body, ReadOnlySpan<byte> keyPem) => body["key"] = Encoding.UTF8.GetString(keyPem);
}
