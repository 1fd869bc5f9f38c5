using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>pkiprofile: the CA certificate an HTTPRule's <c>destinationCA</c> gives, checked against re-encrypted backends.</summary>
public sealed class PkiProfileCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.PkiProfile;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var profile = (PkiProfileSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = profile.Name;
        json["ca_certs"] = new JsonArray(new JsonObject { ["certificate"] = profile.CaCertificatePem });
        // AKO's PKI profiles for destinationCA do not check revocation (no CRL is given with the CA).
        json["crl_check"] = false;
        JsonWrite.Meta(json, profile.Meta);
        return json;
    }

    public AviObjectSpec Read(JsonObject json) =>
        new PkiProfileSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.String(JsonRead.Objects(json["ca_certs"]).FirstOrDefault()?["certificate"]) ?? string.Empty,
            JsonRead.Meta(json, hasServiceMetadata: false));
}
