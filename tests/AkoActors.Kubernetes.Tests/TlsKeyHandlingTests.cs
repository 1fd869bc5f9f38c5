using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using AkoActors.Kubernetes.Snapshots;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.Kubernetes.Tests;

/// <summary>TLS keys against KubeSim: the informer cache keeps a TLS Secret's certificate and a fingerprint of its key, and
/// no key bytes anywhere in its object graph; the key is fetched with one GET when a certificate is written, and a Secret
/// deleted or rotated since the decision is refused with a message naming it.</summary>
public sealed class TlsKeyHandlingTests : IAsyncLifetime
{
    private KubeSimServer _kube = null!;
    private IKubernetes _client = null!;
    private readonly ClusterCache _cache = new();
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("kube-tls-").FullName;
        _kube = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0, KubeconfigPath = Path.Combine(dir, "kubeconfig"), Workloads = WorkloadOptions.None,
        });
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kube.KubeconfigPath));
        _cache.Run(_client, new InformerOptions(), new CapturingLoggerFactory(), _stop.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(_cache.IsSynced), "every informer listed");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _kube.DisposeAsync();
    }

    [Fact]
    public async Task The_cache_keeps_the_certificate_and_a_key_fingerprint_and_no_key_bytes_anywhere()
    {
        var (certificate, key) = SelfSignedCertificates.For("secure.ako.example.com");
        await CreateAsync("web-tls", certificate, key);

        var cached = await Eventually.GetAsync(() => Task.FromResult(_cache.GetSecret("default", "web-tls")), "the TLS Secret in the cache");

        Assert.Equal(certificate, cached.Certificate);
        Assert.Equal(TlsSecretSnapshot.FingerprintOf(Encoding.UTF8.GetBytes(key)), cached.KeyFingerprint);
        Assert.Null(cached.KeyPairProblem);
        var findings = PemIn(_cache, key);
        Assert.True(findings.Count == 0, $"key material found in the cache: {string.Join("; ", findings)}");
        // The walk does reach what the cache holds, and would see a key kept as text or bytes.
        Assert.NotEmpty(PemIn(_cache, certificate));
        Assert.NotEmpty(PemIn(new { Kept = Encoding.UTF8.GetBytes(key) }, key));
        Assert.NotEmpty(PemIn(new { Kept = key }, key));
    }

    [Fact]
    public async Task The_key_is_fetched_when_asked_for_and_a_rotated_or_deleted_Secret_is_refused_by_name()
    {
        var (certificate, key) = SelfSignedCertificates.For("secure.ako.example.com");
        await CreateAsync("web-tls", certificate, key);
        var source = new KubernetesTlsKeySource(_client);
        var reference = new TlsKeyRef("default", "web-tls", TlsSecretSnapshot.FingerprintOf(Encoding.UTF8.GetBytes(key)));

        using (var material = await source.FetchAsync(reference, CancellationToken.None))
        {
            Assert.Equal(key, Encoding.UTF8.GetString(material.Pem));
        }

        var (rotatedCertificate, rotatedKey) = SelfSignedCertificates.For("secure.ako.example.com");
        await _client.CoreV1.ReplaceNamespacedSecretAsync(Secret("web-tls", rotatedCertificate, rotatedKey), "web-tls", "default");
        var rotated = await Assert.ThrowsAsync<TlsKeyUnavailableException>(() => source.FetchAsync(reference, CancellationToken.None));
        Assert.Contains("default/web-tls holds another key", rotated.Message, StringComparison.Ordinal);

        await _client.CoreV1.DeleteNamespacedSecretAsync("web-tls", "default");
        var deleted = await Assert.ThrowsAsync<TlsKeyUnavailableException>(() => source.FetchAsync(reference, CancellationToken.None));
        Assert.Contains("default/web-tls was deleted", deleted.Message, StringComparison.Ordinal);
    }

    private Task CreateAsync(string name, string certificate, string key) =>
        _client.CoreV1.CreateNamespacedSecretAsync(Secret(name, certificate, key), "default");

    private static V1Secret Secret(string name, string certificate, string key) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Type = SecretSnapshots.TlsType,
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(certificate), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
    };

    /// <summary>Walks every object reachable from <paramref name="root"/> through its fields and reports any string, char[] or
    /// byte[] that holds a piece of <paramref name="pem"/> (a line of its PEM body, as text or bytes, or its DER bytes).</summary>
    private static List<string> PemIn(object root, string pem)
    {
        var line = pem.Split('\n')[2];
        var lineBytes = Encoding.UTF8.GetBytes(line);
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
        var derPiece = der.AsSpan(der.Length / 2, 32).ToArray();
        var findings = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0 && seen.Count < 2_000_000)
        {
            var (value, path) = pending.Pop();
            if (!seen.Add(value)) continue;
            switch (value)
            {
                case string text:
                    if (text.Contains(line, StringComparison.Ordinal)) findings.Add($"{path}: string");
                    continue;
                case byte[] bytes:
                    if (bytes.AsSpan().IndexOf(lineBytes) >= 0 || bytes.AsSpan().IndexOf(derPiece) >= 0) findings.Add($"{path}: byte[]");
                    continue;
                case char[] chars:
                    if (chars.AsSpan().IndexOf(line.AsSpan()) >= 0) findings.Add($"{path}: char[]");
                    continue;
                case Type or Delegate or MemberInfo or Task or CancellationToken or Thread or WaitHandle or Microsoft.Extensions.Logging.ILoggerFactory or IKubernetes:
                    // Not data the cache keeps: the runtime's own objects, and the client the cache was handed to list and watch.
                    continue;
                case Array array:
                    var index = 0;
                    foreach (var item in array)
                    {
                        if (item is not null && !item.GetType().IsPrimitive) pending.Push((item, $"{path}[{index}]"));
                        index++;
                    }
                    continue;
            }
            for (var type = value.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike || field.FieldType.IsPrimitive) continue;
                    if (field.GetValue(value) is { } child) pending.Push((child, $"{path}.{field.Name}"));
                }
            }
        }
        return findings;
    }
}
