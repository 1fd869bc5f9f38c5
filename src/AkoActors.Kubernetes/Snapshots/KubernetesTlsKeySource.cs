using System.Net;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Kubernetes;
using k8s;
using k8s.Autorest;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>Fetches a TLS Secret's key with one GET when a certificate object is written, so the informer cache needs to keep
/// only a fingerprint of it. A key that is not the one decided on (rotated since) is cleared and refused.</summary>
public sealed class KubernetesTlsKeySource(IKubernetes client) : ITlsKeySource
{
    public async Task<TlsKeyMaterial> FetchAsync(TlsKeyRef key, CancellationToken cancellationToken)
    {
        k8s.Models.V1Secret secret;
        try
        {
            secret = await client.CoreV1.ReadNamespacedSecretAsync(key.SecretName, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException notFound) when (notFound.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new TlsKeyUnavailableException($"TLS Secret {key.Namespace}/{key.SecretName} was deleted before its key could be fetched");
        }
        catch (HttpOperationException failed)
        {
            throw new TlsKeyUnavailableException(
                $"reading TLS Secret {key.Namespace}/{key.SecretName} failed with {(int)failed.Response.StatusCode} {failed.Response.StatusCode} " +
                "(the controller needs get on secrets)");
        }
        catch (HttpRequestException unreachable)
        {
            throw new TlsKeyUnavailableException($"reading TLS Secret {key.Namespace}/{key.SecretName} failed: the Kubernetes API server did not answer ({unreachable.Message})");
        }
        var data = secret.Data;
        var pem = data is not null && data.TryGetValue(SecretSnapshots.PrivateKeyKey, out var bytes) && bytes is { Length: > 0 } ? bytes : null;
        if (pem is null) throw new TlsKeyUnavailableException($"TLS Secret {key.Namespace}/{key.SecretName} has no {SecretSnapshots.PrivateKeyKey} any more");
        if (TlsSecretSnapshot.FingerprintOf(pem) != key.Fingerprint)
        {
            Array.Clear(pem);
            throw new TlsKeyUnavailableException($"TLS Secret {key.Namespace}/{key.SecretName} holds another key than the one its certificate was decided with (rotated since)");
        }
        return new TlsKeyMaterial(pem);
    }
}
