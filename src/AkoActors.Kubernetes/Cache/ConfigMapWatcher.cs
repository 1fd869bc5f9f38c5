using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Cache;

/// <summary>Watches one ConfigMap (AKO's <c>avi-k8s-config</c>) and hands its data to a callback whenever it changes, so
/// the settings AKO treats as live (logLevel, enableEvents, deleteConfig) apply without a restart.</summary>
public sealed class ConfigMapWatcher(IKubernetes client, string ns, string name, Action<IReadOnlyDictionary<string, string>?> changed, ILoggerFactory loggers)
{
    public Task RunAsync(InformerOptions options, CancellationToken cancellationToken)
    {
        var selector = $"metadata.name={name}";
        IReadOnlyDictionary<string, string>? last = null;
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>(
            $"configmap {ns}/{name}",
            (token, limit, ct) => client.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: token, fieldSelector: selector, limit: limit, cancellationToken: ct),
            (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(ns,
                allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            new DelegateSink<V1ConfigMap>(
                items => Publish(items.FirstOrDefault(i => i.Metadata.Name == name)?.Data),
                item => Publish(item.Data),
                _ => Publish(null)),
            options,
            loggers.CreateLogger("Informer.configmap"));
        return informer.RunAsync(cancellationToken);

        void Publish(IDictionary<string, string>? data)
        {
            var current = data is null ? null : new Dictionary<string, string>(data, StringComparer.Ordinal);
            if (current is null && last is null) return;
            if (current is not null && last is not null && current.Count == last.Count && current.All(kv => last.TryGetValue(kv.Key, out var v) && v == kv.Value)) return;
            last = current;
            changed(current);
        }
    }
}
