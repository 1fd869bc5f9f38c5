using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>sslkeyandcertificate: the certificate PEM (compared) and the key PEM (written, never returned by the controller).</summary>
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
        if (certificate.KeyPem is not null) json["key"] = certificate.KeyPem;
        JsonWrite.Meta(json, certificate.Meta);
        return json;
    }

    public AviObjectSpec Read(JsonObject json) =>
        new SslCertificateSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.String(json["certificate"]?["certificate"]) ?? string.Empty,
            null,
            JsonRead.Meta(json, hasServiceMetadata: false));

    /// <summary>The response carries no key: keep the one written, so a later PUT of this state can send it again.</summary>
    public AviObjectSpec Observe(AviObjectSpec written, JsonObject response) => written;
}
