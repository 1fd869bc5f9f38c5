using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Defaults and validation of a pod spec, shared by Pods and the pod templates of Deployments and ReplicaSets.</summary>
public static class PodSpecRules
{
    /// <summary>Fills the defaults kube-apiserver adds to a pod spec.</summary>
    public static void ApplyDefaults(JsonObject? spec)
    {
        if (spec is null)
        {
            return;
        }
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var container in spec.ArrayAt("containers").Concat(spec.ArrayAt("initContainers")).OfType<JsonObject>())
        {
            var image = container.StringAt("image") ?? string.Empty;
            var lastSegment = image[(image.LastIndexOf('/') + 1)..];
            var tagged = lastSegment.Contains(':', StringComparison.Ordinal) && !lastSegment.EndsWith(":latest", StringComparison.Ordinal);
            container["imagePullPolicy"] ??= tagged || image.Contains('@', StringComparison.Ordinal) ? "IfNotPresent" : "Always";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["resources"] ??= new JsonObject();
            foreach (var port in container.ArrayAt("ports").OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }
    }

    /// <summary>Field errors of a pod spec at <paramref name="field"/>.</summary>
    public static IEnumerable<FieldError> Validate(JsonObject? spec, string field)
    {
        if (spec?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            yield return FieldError.Required($"{field}.containers");
            yield break;
        }
        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var at = $"{field}.containers[{i}]";
            var name = containers[i].StringAt("name");
            if (string.IsNullOrEmpty(name))
            {
                yield return FieldError.Required($"{at}.name");
            }
            else
            {
                foreach (var problem in NameRules.CheckLabel(name))
                {
                    yield return FieldError.Invalid($"{at}.name", JsonValue.Create(name), problem);
                }
                if (!names.Add(name))
                {
                    yield return FieldError.Duplicate($"{at}.name", JsonValue.Create(name));
                }
            }
            if (string.IsNullOrWhiteSpace(containers[i].StringAt("image")))
            {
                yield return FieldError.Required($"{at}.image");
            }
            var ports = containers[i].ArrayAt("ports").ToList();
            for (var p = 0; p < ports.Count; p++)
            {
                if (ports[p].LongAt("containerPort") is not { } cp || cp is < 1 or > 65535)
                {
                    yield return ports[p]?["containerPort"] is null
                        ? FieldError.Required($"{at}.ports[{p}].containerPort")
                        : FieldError.Invalid($"{at}.ports[{p}].containerPort", ports[p]!["containerPort"], "must be between 1 and 65535, inclusive");
                }
                if (ports[p].StringAt("name") is { } portName && !NameRules.IsPortName(portName))
                {
                    yield return FieldError.Invalid($"{at}.ports[{p}].name", JsonValue.Create(portName), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
                }
            }
        }
        if (spec.StringAt("restartPolicy") is { } restart && restart is not ("Always" or "OnFailure" or "Never"))
        {
            yield return FieldError.NotSupported($"{field}.restartPolicy", spec["restartPolicy"], ["Always", "OnFailure", "Never"]);
        }
    }
}
