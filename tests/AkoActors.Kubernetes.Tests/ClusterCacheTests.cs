using System.Collections.Concurrent;
using AkoActors.Domain.Keys;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkoActors.Kubernetes.Tests;

/// <summary>The informer caches against KubeSim over HTTPS: first list, changes in order, deletions, idle watches renewed.</summary>
public sealed class ClusterCacheTests : IAsyncLifetime
{
    private KubeSimServer _kube = null!;
    private IKubernetes _client = null!;
    private readonly ClusterCache _cache = new();
    private readonly ConcurrentQueue<ClusterChange> _changes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CapturingLoggerFactory _logs = new();

    public async Task InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("kube-cache-").FullName;
        _kube = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0, KubeconfigPath = Path.Combine(dir, "kubeconfig"), Workloads = WorkloadOptions.None,
        });
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kube.KubeconfigPath));
        _cache.Subscribe(_changes.Enqueue);
        // A short server-side watch timeout: the watches end idle again and again during the test and must be renewed.
        _cache.Run(_client, new InformerOptions { WatchTimeout = TimeSpan.FromSeconds(1) }, _logs, _stop.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(_cache.IsSynced), "every informer listed");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _kube.DisposeAsync();
    }

    [Fact]
    public void The_first_list_fills_the_cache_with_the_seed_cluster()
    {
        Assert.Equal(6, _cache.GetNodes().Count);
        Assert.Contains(_cache.GetNodes(), n => n.Key.Name == "avi-node1" && n.PodCidrs.Count == 1);
        Assert.NotNull(_cache.GetIngressClass("avi-lb"));
    }

    [Fact]
    public async Task Only_tls_secrets_are_listed_and_watched_so_helm_release_secrets_never_reach_the_replica()
    {
        const string helm = "sh.helm.release.v1.web.v1";
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = helm, Labels = new Dictionary<string, string> { ["owner"] = "helm" } },
            Type = "helm.sh/release.v1",
            Data = new Dictionary<string, byte[]> { ["release"] = new byte[64 * 1024] },
        }, "default");
        // Created after the Helm Secret: once it is cached, a Helm event (had one been sent) would have arrived before it.
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "web-tls" },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"u8.ToArray(),
                ["tls.key"] = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"u8.ToArray(),
            },
        }, "default");

        await Eventually.GetAsync(() => Task.FromResult(_cache.GetSecret("default", "web-tls")), "the TLS Secret in the cache");
        Assert.Null(_cache.GetSecret("default", helm));
        Assert.DoesNotContain(_changes, c => c is ClusterChange.SecretChanged { Name: helm });

        // The filter is the API server's: a replica starting now lists the TLS Secret only, so a Helm release is never
        // transferred or deserialised by it.
        var logs = new CapturingLoggerFactory();
        using var stop = new CancellationTokenSource();
        var fresh = new ClusterCache();
        fresh.Run(_client, new InformerOptions(), logs, stop.Token);
        await Eventually.HoldsAsync(() => Task.FromResult(fresh.IsSynced), "a second cache listed everything");
        Assert.Contains("Informer.secrets: Listed 1 secrets at resourceVersion", string.Join("\n", logs.Information), StringComparison.Ordinal);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Changes_made_after_idle_watch_periods_still_arrive_with_their_endpoints()
    {
        var key = new ServiceKey("default", "web");
        // Every informer's watch ends idle (1 s server timeout) and is opened again at least twice before the change.
        await Eventually.HoldsAsync(() => Task.FromResult(_cache.WatchesStarted >= 3 * _cache.InformerCount), "idle watches renewed", TimeSpan.FromSeconds(30));

        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        }, "default");
        await _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Port = 8080 }],
            Endpoints = [new V1Endpoint { Addresses = ["10.244.3.7"], Conditions = new V1EndpointConditions { Ready = false } }],
        }, "default");

        var service = await Eventually.GetAsync(() => Task.FromResult(_cache.GetService(key)), "the Service in the cache");
        Assert.True(service.IsLoadBalancer);
        var slice = await Eventually.GetAsync(() => Task.FromResult(_cache.GetEndpointSlices(key).FirstOrDefault()), "its EndpointSlice");
        var endpoint = Assert.Single(slice.Endpoints);
        Assert.False(endpoint.Ready);
        Assert.False(endpoint.Serving);
        Assert.Contains(_changes, c => c is ClusterChange.ServiceChanged { Key: var k } && k == key);

        await _client.CoreV1.DeleteNamespacedServiceAsync("web", "default");
        await Eventually.HoldsAsync(() => Task.FromResult(_cache.GetService(key) is null), "the Service gone from the cache");
        // An idle watch ending is routine, not a failure: nothing about it is logged as a warning.
        Assert.True(!_logs.Warnings.Any(w => w.Contains("broke", StringComparison.Ordinal) || w.Contains("failed", StringComparison.Ordinal)), string.Join("\n", _logs.Warnings));
    }

    [Fact]
    public async Task A_status_only_change_is_published_but_a_repeated_identical_object_is_not()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "api" },
            Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 443 }] },
        }, "default");
        var key = new ServiceKey("default", "api");
        await Eventually.GetAsync(() => Task.FromResult(_cache.GetService(key)), "the Service in the cache");
        var before = _changes.Count(c => c is ClusterChange.ServiceChanged { Key: var k } && k == key);

        var writer = new AkoActors.Kubernetes.Writing.KubernetesWriter(_client, new AkoActors.Kubernetes.Writing.KubernetesWriterOptions(),
            TimeProvider.System, NullLogger<AkoActors.Kubernetes.Writing.KubernetesWriter>.Instance);
        await writer.PatchLoadBalancerStatusAsync(Domain.Kubernetes.KubeObjectRef.Service(key), [new("172.16.251.9", "api.default.ako.example.com")], default);

        var cached = await Eventually.GetAsync(() => Task.FromResult(_cache.GetService(key) is { Status.Count: 1 } s ? s : null), "the status in the cache");
        Assert.Equal("172.16.251.9", cached.Status[0].Ip);
        Assert.Equal(before + 1, _changes.Count(c => c is ClusterChange.ServiceChanged { Key: var k } && k == key));
        var stored = await _client.CoreV1.ReadNamespacedServiceAsync("api", "default");
        Assert.Equal(443, Assert.Single(stored.Spec.Ports).Port);
    }
}
