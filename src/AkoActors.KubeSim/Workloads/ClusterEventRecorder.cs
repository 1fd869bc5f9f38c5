using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;

namespace AkoActors.KubeSim.Workloads;

/// <summary>Writes the core/v1 Events the real scheduler, kubelet and controllers emit (Scheduled, Started, ScalingReplicaSet...), so <c>kubectl describe</c> and <c>kubectl get events</c> read like a real cluster.</summary>
public sealed class ClusterEventRecorder
{
    private readonly ResourceRegistry _registry;
    private readonly Resources.ResourceType _events;
    private readonly bool _enabled;

    /// <summary>Creates a recorder; a disabled one records nothing.</summary>
    public ClusterEventRecorder(ResourceRegistry registry, bool enabled)
    {
        _registry = registry;
        _events = registry.Catalog.FindByKind("v1", "Event")!;
        _enabled = enabled;
    }

    /// <summary>Records a Normal event about <paramref name="subject"/> from <paramref name="component"/> (on <paramref name="host"/>, for kubelets).</summary>
    public void Normal(JsonObject subject, string reason, string message, string component, string? host = null)
    {
        if (!_enabled)
        {
            return;
        }
        var ns = subject.StringAt("metadata", "namespace") ?? "default";
        var name = subject.StringAt("metadata", "name")!;
        var now = _registry.Options.Clock.GetUtcNow();
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var source = new JsonObject { ["component"] = component };
        if (host is not null)
        {
            source["host"] = host;
        }
        var involved = new JsonObject
        {
            ["kind"] = subject.StringAt("kind"),
            ["namespace"] = ns,
            ["name"] = name,
            ["uid"] = subject.StringAt("metadata", "uid"),
            ["apiVersion"] = subject.StringAt("apiVersion"),
            ["resourceVersion"] = subject.StringAt("metadata", "resourceVersion"),
        };
        var evt = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{now.UtcTicks:x}{Random.Shared.Next(0x1000):x3}" },
            ["involvedObject"] = involved,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = stamp,
            ["lastTimestamp"] = stamp,
            ["count"] = 1,
            ["type"] = "Normal",
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? string.Empty,
        };
        try
        {
            _registry.Create(_events, ns, evt);
        }
        catch (ApiException)
        {
            // Events are best effort, as in a real cluster (e.g. the namespace is being deleted).
        }
    }
}
