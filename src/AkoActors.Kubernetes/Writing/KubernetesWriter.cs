using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Domain.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Writing;

/// <summary>Writes load-balancer status (merge-patch of the status subresource), AKO's VS annotations (merge-patch of the
/// object) and events, bounded in concurrency.</summary>
public sealed class KubernetesWriter(IKubernetes client, KubernetesWriterOptions options, TimeProvider time, ILogger<KubernetesWriter> logger)
    : IKubernetesWriter
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentWrites, options.MaxConcurrentWrites);
    private readonly ConcurrentDictionary<(KubeObjectRef, KubeEvent), DateTimeOffset> _recentEvents = new();

    public async Task PatchLoadBalancerStatusAsync(KubeObjectRef target, IReadOnlyList<LoadBalancerIngressStatus> ingress, CancellationToken cancellationToken)
    {
        var entries = new JsonArray(ingress.Select(i =>
        {
            var entry = new JsonObject();
            if (i.Ip is not null) entry["ip"] = i.Ip;
            if (i.Hostname is not null) entry["hostname"] = i.Hostname;
            return (JsonNode?)entry;
        }).ToArray());
        var body = new JsonObject
        {
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = ingress.Count == 0 ? null : entries } },
        };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (target.Kind)
            {
                case "Service":
                    await client.CoreV1.PatchNamespacedServiceStatusAsync(patch, target.Name, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case "Ingress":
                    await client.NetworkingV1.PatchNamespacedIngressStatusAsync(patch, target.Name, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new NotSupportedException($"No load-balancer status on {target.Kind}");
            }
        }
        catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("{Target} is gone; its status needs no update", target);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task PatchAkoAnnotationsAsync(KubeObjectRef target, AkoVsAnnotations annotations, CancellationToken cancellationToken)
    {
        // As AKO: null removes a key in a merge patch, and all three go together.
        var removal = annotations.IsRemoval;
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [AkoVsAnnotations.HostMapKey] = removal ? null : annotations.HostMapJson(),
                    [AkoVsAnnotations.ControllerClusterUuidKey] = removal ? null : annotations.ControllerClusterUuid,
                    [AkoVsAnnotations.TenantKey] = removal ? null : annotations.Tenant,
                },
            },
        };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (target.Kind)
            {
                case "Service":
                    await client.CoreV1.PatchNamespacedServiceAsync(patch, target.Name, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case "Ingress":
                    await client.NetworkingV1.PatchNamespacedIngressAsync(patch, target.Name, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new NotSupportedException($"AKO's VS annotations are not kept on {target.Kind}");
            }
        }
        catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("{Target} is gone; its annotations need no update", target);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task RecordEventAsync(KubeObjectRef target, KubeEvent kubeEvent, CancellationToken cancellationToken)
    {
        if (kubeEvent.Type == KubeEvent.Normal && !options.NormalEventsEnabled()) return;
        var now = time.GetUtcNow();
        var key = (target, kubeEvent);
        if (_recentEvents.TryGetValue(key, out var last) && now - last < options.EventRepeatWindow) return;
        _recentEvents[key] = now;
        if (_recentEvents.Count > 10_000) Prune(now);

        var timestamp = now.UtcDateTime;
        // A cluster-scoped object's events live in "default", as kube-apiserver's own recorders put them.
        var involvedNamespace = string.IsNullOrEmpty(target.Namespace) ? null : target.Namespace;
        var ns = involvedNamespace ?? "default";
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = EventName(target.Name), NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                Kind = target.Kind, ApiVersion = target.ApiVersion, Name = target.Name, NamespaceProperty = involvedNamespace, Uid = target.Uid,
            },
            Type = kubeEvent.Type,
            Reason = kubeEvent.Reason,
            Message = kubeEvent.Message.Length > 1024 ? kubeEvent.Message[..1021] + "..." : kubeEvent.Message,
            Source = new V1EventSource { Component = options.Component },
            ReportingComponent = options.Component,
            ReportingInstance = options.ReplicaId,
            FirstTimestamp = timestamp,
            LastTimestamp = timestamp,
            Count = 1,
        };
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpOperationException or HttpRequestException or JsonException)
        {
            // Events are best effort: losing one must never fail the reconcile that produced it.
            _recentEvents.TryRemove(key, out _);
            logger.LogWarning(exception, "Could not record {EventType} event {Reason} on {Target}", kubeEvent.Type, kubeEvent.Reason, target);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>client-go's convention, <c>&lt;object&gt;.&lt;unique suffix&gt;</c>, kept within the 253-character name limit.</summary>
    private static string EventName(string objectName) =>
        $"{(objectName.Length > 236 ? objectName[..236] : objectName)}.{Guid.NewGuid().ToString("N")[..16]}";

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, sent) in _recentEvents)
        {
            if (now - sent >= options.EventRepeatWindow) _recentEvents.TryRemove(key, out _);
        }
    }
}
