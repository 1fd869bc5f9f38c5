using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using k8s;

namespace AkoActors.Hosting;

/// <summary>Runs this replica's informers for as long as the host runs.</summary>
public sealed class ClusterCacheService(ClusterCache cache, IKubernetes client, InformerOptions options, ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(cache.Run(client, options, loggers, stoppingToken));
}
