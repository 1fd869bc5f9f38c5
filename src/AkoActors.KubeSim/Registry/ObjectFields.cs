using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Registry;

/// <summary>The field-selector fields each storage supports (metadata.name and metadata.namespace everywhere) and how to read them.</summary>
public static class ObjectFields
{
    private static readonly HashSet<string> Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, HashSet<string>> Extra = new(StringComparer.Ordinal)
    {
        ["pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
            "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath", "reportingController"],
        ["secrets"] = ["type"],
        ["nodes"] = ["spec.unschedulable"],
        ["namespaces"] = ["status.phase"],
        ["replicasets.apps"] = ["status.replicas"],
    };

    /// <summary>The fields a storage can be selected by.</summary>
    public static IReadOnlySet<string> Supported(string storage) =>
        Extra.TryGetValue(storage, out var extra) ? Common.Concat(extra).ToHashSet() : Common;

    /// <summary>The value of a field of a stored object ("" when absent).</summary>
    public static string? Read(StoredObject obj, string field)
    {
        switch (field)
        {
            case "metadata.name":
                return obj.Name;
            case "metadata.namespace":
                return obj.Namespace;
        }
        var path = field
            .Replace("regarding.", "involvedObject.", StringComparison.Ordinal)
            .Replace("reportingController", "reportingComponent", StringComparison.Ordinal);
        var json = obj.ToJson();
        if (path == "source")
        {
            return json.StringAt("source", "component") ?? string.Empty;
        }
        var node = json.At(path.Split('.'));
        return node switch
        {
            null => string.Empty,
            System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
