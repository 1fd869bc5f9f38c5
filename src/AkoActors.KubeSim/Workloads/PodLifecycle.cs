using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The scheduler and kubelets of the simulated cluster: binds Pods round-robin to Ready nodes whose taints they
/// tolerate (so control-plane nodes stay free), gives each an IP from its node's pod CIDR, turns it Running and Ready
/// after the configured delay, and removes Pods whose termination grace period is over.
/// </summary>
public sealed class PodLifecycle : IWorkloadController
{
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;
    private readonly WorkloadOptions _options;
    private readonly PodAddressPool _addresses = new();
    private readonly HashSet<string> _starting = [];
    private readonly HashSet<string> _finishing = [];
    private readonly ClusterEventRecorder _recorder;
    private long _nextNode;

    /// <summary>Creates the lifecycle controller.</summary>
    public PodLifecycle(ResourceRegistry registry, ClusterTypes types, WorkloadOptions options, ClusterEventRecorder recorder)
    {
        _registry = registry;
        _recorder = recorder;
        _types = types;
        _options = options;
    }

    /// <summary>Whether a Pod's Ready condition is True and it is not terminating.</summary>
    public static bool IsReady(JsonObject pod) =>
        pod.StringAt("metadata", "deletionTimestamp") is null &&
        pod.ArrayAt("status", "conditions").Any(c => c.StringAt("type") == "Ready" && c.StringAt("status") == "True");

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind is WorkKind.SchedulePod or WorkKind.StartPod or WorkKind.FinishPod;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.Nodes.Storage && e.Type != StoreEventType.Deleted)
        {
            foreach (var pod in _registry.Store.Snapshot(_types.Pods.Storage).Items.Values)
            {
                var json = pod.ToJson();
                if (json.StringAt("spec", "nodeName") is null && !pod.IsTerminating)
                {
                    queue.Add(new WorkItem(WorkKind.SchedulePod, pod.Namespace, pod.Name));
                }
            }
            return;
        }
        if (o.Storage != _types.Pods.Storage)
        {
            return;
        }
        var key = StoredObject.KeyOf(o.Namespace, o.Name);
        var podJson = o.ToJson();
        var node = podJson.StringAt("spec", "nodeName");
        var ip = podJson.StringAt("status", "podIP");
        if (e.Type == StoreEventType.Deleted)
        {
            if (node is not null && ip is not null)
            {
                _addresses.Release(node, ip);
            }
            _starting.Remove(key);
            _finishing.Remove(key);
            return;
        }
        if (node is not null && ip is not null)
        {
            _addresses.MarkUsed(node, ip);
        }
        if (o.IsTerminating)
        {
            if (!podJson.ArrayAt("metadata", "finalizers").Any() && _finishing.Add(key))
            {
                var due = DateTimeOffset.TryParse(podJson.StringAt("metadata", "deletionTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : _registry.Options.Clock.GetUtcNow();
                queue.AddAfter(new WorkItem(WorkKind.FinishPod, o.Namespace, o.Name), due - _registry.Options.Clock.GetUtcNow());
            }
            return;
        }
        var phase = podJson.StringAt("status", "phase");
        if (node is null && phase is null or "Pending")
        {
            queue.Add(new WorkItem(WorkKind.SchedulePod, o.Namespace, o.Name));
        }
        else if (node is not null && phase == "Pending" && _starting.Add(key))
        {
            queue.AddAfter(new WorkItem(WorkKind.StartPod, o.Namespace, o.Name), _options.PodReadyDelay);
        }
    }

    /// <summary>Binds a Pod that is about to be created (by the ReplicaSet controller) and sets its initial status, saving the writes a real scheduler and kubelet would make.</summary>
    public void PlaceNewPod(JsonObject pod)
    {
        var node = PickNode(pod);
        if (node is null)
        {
            pod["status"] = UnschedulableStatus();
            return;
        }
        pod.EnsureObject("spec")["nodeName"] = node.StringAt("metadata", "name");
        pod["status"] = _options.PodReadyDelay <= TimeSpan.Zero ? RunningStatus(pod, node) : PendingStatus(pod, node);
    }

    /// <summary>Returns the address a Pod that could not be created was given.</summary>
    public void ReleasePlacement(JsonObject pod)
    {
        if (pod.StringAt("spec", "nodeName") is { } node && pod.StringAt("status", "podIP") is { } ip)
        {
            _addresses.Release(node, ip);
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue)
    {
        var pod = _registry.TryGet(_types.Pods, item.Namespace, item.Name);
        if (pod is null)
        {
            return;
        }
        var terminating = pod.StringAt("metadata", "deletionTimestamp") is not null;
        switch (item.Kind)
        {
            case WorkKind.FinishPod when terminating:
                _registry.Delete(_types.Pods, item.Namespace, item.Name, new DeleteRequest { GracePeriodSeconds = 0 });
                break;
            case WorkKind.SchedulePod when !terminating && pod.StringAt("spec", "nodeName") is null:
                Schedule(pod);
                break;
            case WorkKind.StartPod when !terminating && pod.StringAt("status", "phase") == "Pending" && pod.StringAt("spec", "nodeName") is { } nodeName:
                _starting.Remove(StoredObject.KeyOf(item.Namespace, item.Name));
                if (_registry.TryGet(_types.Nodes, null, nodeName) is { } node)
                {
                    var update = pod.CloneObject();
                    update["status"] = RunningStatus(pod, node);
                    RecordStarted(_registry.Update(_types.Pods, item.Namespace, item.Name, update, status: true));
                }
                break;
        }
    }

    /// <summary>Records what the scheduler (and, when the Pod is already running, the kubelet) would have reported for a Pod created already placed.</summary>
    public void RecordPlacement(JsonObject pod)
    {
        if (pod.StringAt("spec", "nodeName") is not { } node)
        {
            return;
        }
        _recorder.Normal(pod, "Scheduled", $"Successfully assigned {pod.StringAt("metadata", "namespace")}/{pod.StringAt("metadata", "name")} to {node}", "default-scheduler");
        if (pod.StringAt("status", "phase") == "Running")
        {
            RecordStarted(pod);
        }
    }

    private void RecordStarted(JsonObject pod)
    {
        var node = pod.StringAt("spec", "nodeName");
        foreach (var container in pod.ArrayAt("spec", "containers"))
        {
            var name = container.StringAt("name");
            _recorder.Normal(pod, "Pulled", $"Container image \"{container.StringAt("image")}\" already present on machine", "kubelet", node);
            _recorder.Normal(pod, "Created", $"Created container: {name}", "kubelet", node);
            _recorder.Normal(pod, "Started", $"Started container {name}", "kubelet", node);
        }
    }

    private void Schedule(JsonObject pod)
    {
        var ns = pod.StringAt("metadata", "namespace")!;
        var name = pod.StringAt("metadata", "name")!;
        var node = PickNode(pod);
        if (node is null)
        {
            if (pod.ArrayAt("status", "conditions").Any(c => c.StringAt("reason") == "Unschedulable"))
            {
                return;
            }
            var unschedulable = pod.CloneObject();
            unschedulable["status"] = UnschedulableStatus();
            _registry.Update(_types.Pods, ns, name, unschedulable, status: true);
            return;
        }
        var bound = pod.CloneObject();
        bound.EnsureObject("spec")["nodeName"] = node.StringAt("metadata", "name");
        bound = _registry.Update(_types.Pods, ns, name, bound);
        bound["status"] = _options.PodReadyDelay <= TimeSpan.Zero ? RunningStatus(bound, node) : PendingStatus(bound, node);
        try
        {
            RecordPlacement(_registry.Update(_types.Pods, ns, name, bound, status: true));
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Changed meanwhile; the next event brings it back.
        }
    }

    private JsonObject? PickNode(JsonObject pod)
    {
        var tolerations = pod.ArrayAt("spec", "tolerations").OfType<JsonObject>().ToList();
        var eligible = _registry.Store.Snapshot(_types.Nodes.Storage).Items.Values
            .Select(n => n.ToJson())
            .Where(n => n.ArrayAt("status", "conditions").Any(c => c.StringAt("type") == "Ready" && c.StringAt("status") == "True"))
            .Where(n => n.BoolAt("spec", "unschedulable") != true && n.StringAt("metadata", "deletionTimestamp") is null)
            .Where(n => n.ArrayAt("spec", "taints").All(t => t.StringAt("effect") == "PreferNoSchedule" || Tolerated(t!, tolerations)))
            .Where(n => pod.StringMapAt("spec", "nodeSelector").All(s => n.StringAt("metadata", "labels", s.Key) == s.Value))
            .OrderBy(n => n.StringAt("metadata", "name"), StringComparer.Ordinal)
            .ToList();
        return eligible.Count == 0 ? null : eligible[(int)(_nextNode++ % eligible.Count)];
    }

    private static bool Tolerated(JsonNode taint, List<JsonObject> tolerations) => tolerations.Any(t =>
        (t.StringAt("operator") == "Exists" && string.IsNullOrEmpty(t.StringAt("key"))) ||
        (t.StringAt("key") == taint.StringAt("key") &&
         (t.StringAt("operator") == "Exists" || t.StringAt("value") == taint.StringAt("value")) &&
         (string.IsNullOrEmpty(t.StringAt("effect")) || t.StringAt("effect") == taint.StringAt("effect"))));

    private static JsonObject UnschedulableStatus() => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["reason"] = "Unschedulable",
            ["message"] = "0/0 nodes are available: no Ready node tolerates this Pod.",
        }),
        ["qosClass"] = "BestEffort",
    };

    private JsonObject PendingStatus(JsonObject pod, JsonObject node)
    {
        var now = Timestamp();
        return new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "False", now),
                Condition("Initialized", "True", now),
                Condition("Ready", "False", now, "ContainersNotReady"),
                Condition("ContainersReady", "False", now, "ContainersNotReady"),
                Condition("PodScheduled", "True", now)),
            ["hostIP"] = NodeIp(node),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeIp(node) }),
            ["startTime"] = now,
            ["containerStatuses"] = new JsonArray(pod.ArrayAt("spec", "containers").Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.StringAt("name"),
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
                ["lastState"] = new JsonObject(),
                ["ready"] = false,
                ["restartCount"] = 0,
                ["image"] = c.StringAt("image"),
                ["imageID"] = string.Empty,
                ["started"] = false,
            }).ToArray()),
            ["qosClass"] = "BestEffort",
        };
    }

    private JsonObject RunningStatus(JsonObject pod, JsonObject node)
    {
        var now = Timestamp();
        var nodeName = node.StringAt("metadata", "name")!;
        var ip = pod.StringAt("status", "podIP") ?? _addresses.Allocate(nodeName, node.StringAt("spec", "podCIDR") ?? node.ArrayAt("spec", "podCIDRs").FirstOrDefault()?.GetValue<string>() ?? string.Empty);
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True", now),
                Condition("Initialized", "True", now),
                Condition("Ready", "True", now),
                Condition("ContainersReady", "True", now),
                Condition("PodScheduled", "True", now)),
            ["hostIP"] = NodeIp(node),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeIp(node) }),
            ["startTime"] = pod.StringAt("status", "startTime") ?? now,
            ["containerStatuses"] = new JsonArray(pod.ArrayAt("spec", "containers").Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.StringAt("name"),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
                ["lastState"] = new JsonObject(),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = c.StringAt("image"),
                ["imageID"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.StringAt("image") ?? string.Empty))),
                ["containerID"] = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ["started"] = true,
            }).ToArray()),
            ["qosClass"] = "BestEffort",
        };
        if (ip is not null)
        {
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }
        return status;
    }

    private static JsonObject Condition(string type, string status, string now, string? reason = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }
        return condition;
    }

    private static string NodeIp(JsonObject node) =>
        node.ArrayAt("status", "addresses").FirstOrDefault(a => a.StringAt("type") == "InternalIP").StringAt("address") ?? string.Empty;

    private string Timestamp() => _registry.Options.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
