using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class CertificateTests
{
    private static (string Certificate, string Key) MakeCertificate(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}, O=AkoActors", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static JsonObject Body(string name, string certificate, string key) => new()
    {
        ["name"] = name,
        ["type"] = "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
        ["certificate"] = new JsonObject { ["certificate"] = certificate },
        ["key"] = key,
        ["created_by"] = "ako-c1",
    };

    [Fact]
    public async Task A_valid_pem_is_parsed_and_the_key_is_never_returned()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var (certificate, key) = MakeCertificate("secure.ako.example.com");
        var created = await scope.Client.CreateAsync("sslkeyandcertificate", Body("c1--secure.ako.example.com", certificate, key));
        Assert.Equal("secure.ako.example.com", created["certificate"]!["subject"]!["common_name"]!.GetValue<string>());
        Assert.Equal("AkoActors", created["certificate"]!["subject"]!["organization"]!.GetValue<string>());
        Assert.NotNull(created["certificate"]!["not_after"]);
        Assert.Equal(certificate, created["certificate"]!["certificate"]!.GetValue<string>());
        Assert.Equal("<sensitive>", created["key"]!.GetValue<string>());
        var listed = await scope.Client.GetAsync("/api/sslkeyandcertificate?name=c1--secure.ako.example.com");
        Assert.DoesNotContain("PRIVATE KEY", listed.Body!.ToJsonString());
    }

    [Fact]
    public async Task An_unparsable_pem_is_a_400_carrying_the_parser_message()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.PostAsync("/api/sslkeyandcertificate",
            Body("bad", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----", "junk"));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("Invalid certificate or key PEM: ", response.Error);
        Assert.True(response.Error!.Length > "Invalid certificate or key PEM: ".Length);
    }

    [Fact]
    public async Task A_key_that_does_not_belong_to_the_certificate_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var (certificate, _) = MakeCertificate("a.example");
        var (_, otherKey) = MakeCertificate("b.example");
        var response = await scope.Client.PostAsync("/api/sslkeyandcertificate", Body("mismatch", certificate, otherKey));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("Invalid certificate or key PEM", response.Error);
    }
}
