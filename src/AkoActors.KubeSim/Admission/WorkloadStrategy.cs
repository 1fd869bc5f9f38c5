using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Selectors;

namespace AkoActors.KubeSim.Admission;

/// <summary>Deployment, ReplicaSet and StatefulSet defaulting and validation: a selector that matches the template, a valid pod template, non-negative replicas.</summary>
public sealed class WorkloadStrategy : IResourceStrategy
{
    private readonly string _kind;

    /// <summary>Creates the strategy for Deployment, ReplicaSet or StatefulSet.</summary>
    public WorkloadStrategy(string kind)
    {
        _kind = kind;
    }

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        ApplyDefaults(obj);
        obj["status"] = new JsonObject();
    }

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => ApplyDefaults(obj);

    private void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        spec["replicas"] ??= 1;
        if (_kind == "Deployment")
        {
            spec["revisionHistoryLimit"] ??= 10;
            spec["progressDeadlineSeconds"] ??= 600;
            spec["strategy"] ??= new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            };
        }
        if (_kind == "StatefulSet")
        {
            StatefulSetRules.ApplyDefaults(spec);
        }
        PodSpecRules.ApplyDefaults(spec.ObjectAt("template", "spec"));
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        if (spec.LongAt("replicas") is { } replicas && replicas < 0)
        {
            yield return FieldError.Invalid("spec.replicas", spec!["replicas"], "must be greater than or equal to 0");
        }
        var selectorNode = spec?["selector"];
        var selector = selectorNode is null ? LabelSelector.Nothing : LabelSelector.FromObject(selectorNode);
        if (selectorNode is null)
        {
            yield return FieldError.Required("spec.selector");
        }
        else if (selector.IsEmpty)
        {
            yield return FieldError.Invalid("spec.selector", selectorNode, $"empty selector is invalid for {_kind.ToLowerInvariant()}");
        }
        var templateLabels = spec.StringMapAt("template", "metadata", "labels");
        if (!selector.MatchesNothing && !selector.IsEmpty && !selector.Matches(templateLabels))
        {
            yield return FieldError.Invalid("spec.template.metadata.labels", spec.At("template", "metadata", "labels"), "`selector` does not match template `labels`");
        }
        foreach (var error in NameRules.CheckLabels(spec.ObjectAt("template", "metadata", "labels"), "spec.template.metadata.labels"))
        {
            yield return error;
        }
        foreach (var error in PodSpecRules.Validate(spec.ObjectAt("template", "spec"), "spec.template.spec"))
        {
            yield return error;
        }
        if (_kind == "StatefulSet")
        {
            foreach (var error in StatefulSetRules.Validate(spec, old?.ObjectAt("spec")))
            {
                yield return error;
            }
        }
        else if (old is not null && !old.At("spec", "selector").SameAs(selectorNode))
        {
            yield return FieldError.Invalid("spec.selector", selectorNode, "field is immutable");
        }
    }
}
