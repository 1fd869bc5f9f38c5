using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>sslkeyandcertificate: the PEM certificate (and key, when given) must parse with .NET's X509 APIs
/// and belong together; the parsed subject and validity are filled in as the controller does, and the key is
/// stored only as <c>&lt;sensitive&gt;</c>, never returned.</summary>
internal sealed class CertificateRules : ObjectRules
{
    public const string SensitiveMarker = "<sensitive>";

    public override string TypeName => "sslkeyandcertificate";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        document["type"] ??= "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE";
        if (document["certificate"] is not JsonObject certificate || certificate["certificate"] is not JsonValue pemValue ||
            !pemValue.TryGetValue<string>(out var pem))
        {
            throw AviRequestException.BadRequest("Field 'certificate.certificate' must hold a PEM certificate");
        }
        var key = document["key"] is JsonValue keyValue && keyValue.TryGetValue<string>(out var keyText) && keyText != SensitiveMarker
            ? keyText
            : null;
        X509Certificate2 parsed;
        try
        {
            parsed = key is null ? X509Certificate2.CreateFromPem(pem) : X509Certificate2.CreateFromPem(pem, key);
        }
        catch (CryptographicException ex)
        {
            throw AviRequestException.BadRequest($"Invalid certificate or key PEM: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw AviRequestException.BadRequest($"Invalid certificate or key PEM: {ex.Message}");
        }
        using (parsed)
        {
            certificate["subject"] = DistinguishedName(parsed.SubjectName);
            certificate["issuer"] = DistinguishedName(parsed.IssuerName);
            certificate["not_before"] = parsed.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            certificate["not_after"] = parsed.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            certificate["serial_number"] = parsed.SerialNumber;
            certificate["fingerprint"] = "SHA1 Fingerprint=" + string.Join(':', Convert.FromHexString(parsed.Thumbprint).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
            certificate["self_signed"] = parsed.SubjectName.RawData.AsSpan().SequenceEqual(parsed.IssuerName.RawData);
            certificate["expiry_status"] = "SSL_CERTIFICATE_GOOD";
        }
        if (document["key"] is not null || context.Previous?.Document["key"] is not null)
        {
            document["key"] = SensitiveMarker;
        }
    }

    private static JsonObject DistinguishedName(X500DistinguishedName name)
    {
        var result = new JsonObject { ["distinguished_name"] = name.Name };
        foreach (var part in name.EnumerateRelativeDistinguishedNames())
        {
            var field = part.GetSingleElementType().Value switch
            {
                "2.5.4.3" => "common_name",
                "2.5.4.10" => "organization",
                "2.5.4.11" => "organization_unit",
                "2.5.4.6" => "country",
                "2.5.4.7" => "locality",
                "2.5.4.8" => "state",
                _ => null,
            };
            if (field is not null)
            {
                result[field] = part.GetSingleElementValue();
            }
        }
        return result;
    }
}
