using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Selectors;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The endpoints and EndpointSlice controllers: for every Service with a selector, the matching Pods that have an IP
/// become an Endpoints object and EndpointSlices (label <c>kubernetes.io/service-name</c>) with ready/serving/terminating
/// conditions and target ports resolved per Pod (named ports included); objects are only rewritten when they change.
/// </summary>
public sealed class EndpointsController : IWorkloadController
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";
    private const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    private const string ManagedBy = "endpointslice-controller.k8s.io";
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;
    private readonly Dictionary<string, Dictionary<string, LabelSelector>> _selectors = new(StringComparer.Ordinal);

    /// <summary>Creates the controller.</summary>
    public EndpointsController(ResourceRegistry registry, ClusterTypes types)
    {
        _registry = registry;
        _types = types;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.ServiceEndpoints;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.Services.Storage)
        {
            if (!_selectors.TryGetValue(o.Namespace, out var services))
            {
                _selectors[o.Namespace] = services = new Dictionary<string, LabelSelector>(StringComparer.Ordinal);
            }
            var selector = o.ToJson().StringMapAt("spec", "selector");
            if (e.Type == StoreEventType.Deleted || selector.Count == 0)
            {
                services.Remove(o.Name);
            }
            else
            {
                services[o.Name] = LabelSelector.FromMap(selector);
            }
            queue.Add(new WorkItem(WorkKind.ServiceEndpoints, o.Namespace, o.Name));
        }
        else if (o.Storage == _types.Pods.Storage && _selectors.TryGetValue(o.Namespace, out var candidates))
        {
            foreach (var (service, selector) in candidates)
            {
                if (selector.Matches(o.Labels) || (e.Previous is not null && selector.Matches(e.Previous.Labels)))
                {
                    queue.Add(new WorkItem(WorkKind.ServiceEndpoints, o.Namespace, service));
                }
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue)
    {
        var ns = item.Namespace;
        var service = _registry.TryGet(_types.Services, ns, item.Name);
        var selectorMap = service.StringMapAt("spec", "selector");
        if (service is null || service.StringAt("metadata", "deletionTimestamp") is not null)
        {
            DeleteIfPresent(_types.Endpoints, ns, item.Name);
            foreach (var slice in ManagedSlices(ns, item.Name))
            {
                DeleteIfPresent(_types.EndpointSlices, ns, slice.StringAt("metadata", "name")!);
            }
            return;
        }
        if (selectorMap.Count == 0)
        {
            return;
        }
        var selector = LabelSelector.FromMap(selectorMap);
        var publishNotReady = service.BoolAt("spec", "publishNotReadyAddresses") == true;
        var servicePorts = service.ArrayAt("spec", "ports").OfType<JsonObject>().ToList();
        var groups = new Dictionary<string, (JsonArray Ports, List<JsonObject> Pods)>(StringComparer.Ordinal);
        var pods = _registry.Store.Snapshot(_types.Pods.Storage).Items.Values
            .Where(p => p.Namespace == ns && selector.Matches(p.Labels))
            .Select(p => p.ToJson())
            .Where(p => p.StringAt("status", "podIP") is not null && p.StringAt("status", "phase") is not ("Succeeded" or "Failed"))
            .OrderBy(p => p.StringAt("metadata", "name"), StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var ports = new JsonArray();
            foreach (var port in servicePorts)
            {
                if (ResolveTargetPort(port, pod) is { } target)
                {
                    var entry = new JsonObject();
                    if (port.StringAt("name") is { Length: > 0 } portName)
                    {
                        entry["name"] = portName;
                    }
                    entry["port"] = target;
                    entry["protocol"] = port.StringAt("protocol") ?? "TCP";
                    ports.Add(entry);
                }
            }
            var signature = ports.ToJsonString();
            if (!groups.TryGetValue(signature, out var group))
            {
                groups[signature] = group = (ports, []);
            }
            group.Pods.Add(pod);
        }
        WriteEndpoints(service, groups.Values.ToList(), publishNotReady);
        WriteSlices(service, groups.Values.ToList(), publishNotReady);
    }

    // The EndpointSlice controller always writes the port name, "" for an unnamed port (kubectl describe svc
    // dereferences it), in the field order of discovery/v1 EndpointPort; Endpoints subsets omit an empty name.
    private static JsonArray SlicePorts(JsonArray ports) =>
        new(ports.OfType<JsonObject>().Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.StringAt("name") ?? string.Empty,
            ["protocol"] = p.StringAt("protocol"),
            ["port"] = p.LongAt("port"),
        }).ToArray());

    private static long? ResolveTargetPort(JsonObject servicePort, JsonObject pod)
    {
        var target = servicePort["targetPort"];
        if (target is JsonValue value && value.TryGetValue<string>(out var name))
        {
            return pod.ArrayAt("spec", "containers").SelectMany(c => c.ArrayAt("ports"))
                .FirstOrDefault(p => p.StringAt("name") == name && (p.StringAt("protocol") ?? "TCP") == (servicePort.StringAt("protocol") ?? "TCP"))
                .LongAt("containerPort");
        }
        return target.LongAt() ?? servicePort.LongAt("port");
    }

    private void WriteEndpoints(JsonObject service, List<(JsonArray Ports, List<JsonObject> Pods)> groups, bool publishNotReady)
    {
        var ns = service.StringAt("metadata", "namespace")!;
        var name = service.StringAt("metadata", "name")!;
        var subsets = new JsonArray();
        foreach (var (ports, pods) in groups)
        {
            var ready = new JsonArray();
            var notReady = new JsonArray();
            foreach (var pod in pods)
            {
                var terminating = pod.StringAt("metadata", "deletionTimestamp") is not null;
                if (terminating && !publishNotReady)
                {
                    continue;
                }
                var address = new JsonObject
                {
                    ["ip"] = pod.StringAt("status", "podIP"),
                    ["nodeName"] = pod.StringAt("spec", "nodeName"),
                    ["targetRef"] = TargetRef(pod),
                };
                (PodLifecycle.IsReady(pod) || publishNotReady ? ready : notReady).Add(address);
            }
            if (ready.Count == 0 && notReady.Count == 0)
            {
                continue;
            }
            var subset = new JsonObject();
            if (ready.Count > 0)
            {
                subset["addresses"] = ready;
            }
            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = notReady;
            }
            subset["ports"] = ports.DeepClone();
            subsets.Add(subset);
        }
        var labels = service.ObjectAt("metadata", "labels")?.CloneObject() ?? new JsonObject();
        labels["endpoints.kubernetes.io/managed-by"] = "endpoint-controller";
        var existing = _registry.TryGet(_types.Endpoints, ns, name);
        var desired = existing?.CloneObject() ?? new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } };
        desired.EnsureObject("metadata")["labels"] = labels;
        if (subsets.Count > 0)
        {
            desired["subsets"] = subsets;
        }
        else
        {
            desired.Remove("subsets");
        }
        if (existing is not null && desired.SameAs(existing))
        {
            return;
        }
        Write(_types.Endpoints, ns, name, desired, existing is null);
    }

    private void WriteSlices(JsonObject service, List<(JsonArray Ports, List<JsonObject> Pods)> groups, bool publishNotReady)
    {
        var ns = service.StringAt("metadata", "namespace")!;
        var serviceName = service.StringAt("metadata", "name")!;
        var existing = ManagedSlices(ns, serviceName);
        var unused = existing.ToList();
        if (groups.Count == 0)
        {
            groups = [(new JsonArray(), [])];
        }
        foreach (var (ports, pods) in groups)
        {
            var endpoints = new JsonArray(pods.Select(pod =>
            {
                var terminating = pod.StringAt("metadata", "deletionTimestamp") is not null;
                var serving = pod.ArrayAt("status", "conditions").Any(c => c.StringAt("type") == "Ready" && c.StringAt("status") == "True");
                var endpoint = new JsonObject
                {
                    ["addresses"] = new JsonArray(pod.StringAt("status", "podIP")),
                    ["conditions"] = new JsonObject
                    {
                        ["ready"] = publishNotReady || (!terminating && serving),
                        ["serving"] = serving,
                        ["terminating"] = terminating,
                    },
                    ["targetRef"] = TargetRef(pod),
                };
                if (pod.StringAt("spec", "nodeName") is { } node)
                {
                    endpoint["nodeName"] = node;
                }
                return (JsonNode)endpoint;
            }).ToArray());
            var match = unused.FirstOrDefault(s => s["ports"].SameAs(SlicePorts(ports))) ?? unused.FirstOrDefault();
            var labels = service.ObjectAt("metadata", "labels")?.CloneObject() ?? new JsonObject();
            labels[ServiceNameLabel] = serviceName;
            labels[ManagedByLabel] = ManagedBy;
            var desired = match?.CloneObject() ?? new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = serviceName + "-",
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "Service",
                        ["name"] = serviceName,
                        ["uid"] = service.StringAt("metadata", "uid"),
                        ["controller"] = true,
                        ["blockOwnerDeletion"] = true,
                    }),
                },
            };
            desired.EnsureObject("metadata")["labels"] = labels;
            desired["addressType"] = "IPv4";
            desired["endpoints"] = endpoints;
            desired["ports"] = SlicePorts(ports);
            if (match is not null)
            {
                unused.Remove(match);
                if (desired.SameAs(match))
                {
                    continue;
                }
            }
            Write(_types.EndpointSlices, ns, match?.StringAt("metadata", "name"), desired, match is null);
        }
        foreach (var stale in unused)
        {
            DeleteIfPresent(_types.EndpointSlices, ns, stale.StringAt("metadata", "name")!);
        }
    }

    private List<JsonObject> ManagedSlices(string ns, string serviceName) =>
        _registry.Store.Snapshot(_types.EndpointSlices.Storage).Items.Values
            .Where(s => s.Namespace == ns && s.Labels.GetValueOrDefault(ServiceNameLabel) == serviceName && s.Labels.GetValueOrDefault(ManagedByLabel) == ManagedBy)
            .Select(s => s.ToJson())
            .ToList();

    private static JsonObject TargetRef(JsonObject pod) => new()
    {
        ["kind"] = "Pod",
        ["namespace"] = pod.StringAt("metadata", "namespace"),
        ["name"] = pod.StringAt("metadata", "name"),
        ["uid"] = pod.StringAt("metadata", "uid"),
    };

    private void Write(Resources.ResourceType type, string ns, string? name, JsonObject desired, bool create)
    {
        try
        {
            if (create)
            {
                _registry.Create(type, ns, desired);
            }
            else
            {
                _registry.Update(type, ns, name!, desired);
            }
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Raced with another writer; the resulting event requeues the Service.
        }
    }

    private void DeleteIfPresent(Resources.ResourceType type, string ns, string name)
    {
        try
        {
            _registry.Delete(type, ns, name);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Nothing to remove.
        }
    }
}
