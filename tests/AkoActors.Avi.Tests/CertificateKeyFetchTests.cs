using AkoActors.Testing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Avi.Tests;

/// <summary>A certificate's private key is in memory only while its request is built: the gateway fetches it from the
/// Secret for the write (the spec holds a reference and a fingerprint), clears the fetched bytes, and keeps nothing of it
/// in the state it returns. A Secret gone between the decision and the write fails that operation with a message naming
/// the Secret, and writes nothing.</summary>
public sealed class CertificateKeyFetchTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AviCallContext Admin = new("admin", "red");

    [Fact]
    public async Task A_certificate_is_written_with_the_key_fetched_for_it_and_the_fetched_bytes_are_cleared()
    {
        fixture.Sim.Simulator.Reset();
        var (certificate, key) = SelfSignedCertificates.For("secure.ako.example.com");
        var keys = new ScriptedKeySource(key);
        var (_, gateway) = fixture.Gateway(keys: keys);
        var spec = Certificate(certificate, keys.Ref);

        var state = await gateway.ApplyAsync(new CreateOperation(spec), Admin, CancellationToken.None);

        Assert.Equal([keys.Ref], keys.Fetched);
        Assert.All(keys.Handed.Single(), b => Assert.Equal(0, b));
        // The simulator checks that the key is the certificate's, as the controller does: the key did reach it.
        Assert.NotNull(fixture.Sim.Simulator.FindObject(AviObjectTypes.SslKeyAndCertificate, spec.Name));
        Assert.DoesNotContain("PRIVATE KEY", state!.RawJson, StringComparison.Ordinal);
        Assert.Equal(keys.Ref, ((SslCertificateSpec)state.Spec).Key);
    }

    [Fact]
    public async Task A_Secret_deleted_before_the_write_fails_the_operation_naming_the_Secret_and_writes_nothing()
    {
        fixture.Sim.Simulator.Reset();
        var (certificate, _) = SelfSignedCertificates.For("gone.ako.example.com");
        var keys = new ScriptedKeySource(null);
        var (_, gateway) = fixture.Gateway(keys: keys);
        var spec = Certificate(certificate, keys.Ref);

        var failure = await Assert.ThrowsAsync<AviApiException>(() => gateway.ApplyAsync(new CreateOperation(spec), Admin, CancellationToken.None));

        Assert.Equal(AviErrorKind.Transient, failure.Error.Kind);
        Assert.Contains("TLS Secret red/web-tls was deleted", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains(spec.Name, failure.Error.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Sim.Simulator.FindObject(AviObjectTypes.SslKeyAndCertificate, spec.Name));
    }

    private static SslCertificateSpec Certificate(string pem, TlsKeyRef key) =>
        new("c1--secure.ako.example.com", pem, key, new AviObjectMeta("ako-c1", EquatableArray<AviMarker>.Empty, null));

    /// <summary>Hands out the key (or answers that the Secret is gone) and keeps the arrays it handed out, to look at them later.</summary>
    private sealed class ScriptedKeySource(string? key) : ITlsKeySource
    {
        public TlsKeyRef Ref { get; } = new("red", "web-tls", key is null ? "00" : TlsSecretSnapshot.FingerprintOf(Encoding.UTF8.GetBytes(key)));

        public List<TlsKeyRef> Fetched { get; } = [];

        public List<byte[]> Handed { get; } = [];

        public Task<TlsKeyMaterial> FetchAsync(TlsKeyRef reference, CancellationToken cancellationToken)
        {
            Fetched.Add(reference);
            if (key is null) throw new TlsKeyUnavailableException($"TLS Secret {reference.Namespace}/{reference.SecretName} was deleted before its key could be fetched");
            var bytes = Encoding.UTF8.GetBytes(key);
            Handed.Add(bytes);
            return Task.FromResult(new TlsKeyMaterial(bytes));
        }
    }
}
