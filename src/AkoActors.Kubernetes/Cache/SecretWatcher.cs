using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Cache;

/// <summary>Watches one Secret (AKO's <c>avi-secret</c>) and hands its data to a callback whenever it changes, so rotated
/// controller credentials apply without a restart (environment variables from a Secret never change in a running pod).</summary>
public sealed class SecretWatcher(IKubernetes client, string ns, string name, Action<IReadOnlyDictionary<string, byte[]>?> changed, ILoggerFactory loggers)
{
    public Task RunAsync(InformerOptions options, CancellationToken cancellationToken)
    {
        var selector = $"metadata.name={name}";
        IReadOnlyDictionary<string, byte[]>? last = null;
        var informer = new Informer<V1Secret, V1SecretList>(
            $"secret {ns}/{name}",
            (token, limit, ct) => client.CoreV1.ListNamespacedSecretAsync(ns, continueParameter: token, fieldSelector: selector, limit: limit, cancellationToken: ct),
            (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedSecretAsync(ns,
                allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            new DelegateSink<V1Secret>(
                items => Publish(items.FirstOrDefault(i => i.Metadata.Name == name)?.Data),
                item => Publish(item.Data),
                _ => Publish(null)),
            options,
            loggers.CreateLogger("Informer.secret"));
        return informer.RunAsync(cancellationToken);

        void Publish(IDictionary<string, byte[]>? data)
        {
            var current = data is null ? null : new Dictionary<string, byte[]>(data, StringComparer.Ordinal);
            if (current is null && last is null) return;
            if (current is not null && last is not null && current.Count == last.Count &&
                current.All(kv => last.TryGetValue(kv.Key, out var v) && v.AsSpan().SequenceEqual(kv.Value))) return;
            last = current;
            changed(current);
        }
    }
}
