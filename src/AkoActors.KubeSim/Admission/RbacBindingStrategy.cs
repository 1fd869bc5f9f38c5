using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// RoleBinding and ClusterRoleBinding defaulting and validation as kube-apiserver does it: the roleRef (group, kind a
/// binding of this scope may name, immutable once set) and each subject (ServiceAccounts with a namespace where the
/// binding is cluster-wide, Users and Groups in the RBAC group).
/// </summary>
public sealed class RbacBindingStrategy : IResourceStrategy
{
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private readonly bool _namespaced;

    /// <summary>Creates the strategy for RoleBinding (namespaced) or ClusterRoleBinding.</summary>
    public RbacBindingStrategy(bool namespaced)
    {
        _namespaced = namespaced;
    }

    /// <inheritdoc />
    public IEnumerable<string> CheckName(string name) => NameRules.CheckPathSegment(name);

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context) => ApplyDefaults(obj);

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => ApplyDefaults(obj);

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["roleRef"] is JsonObject roleRef && string.IsNullOrEmpty(roleRef.StringAt("apiGroup")))
        {
            roleRef["apiGroup"] = RbacGroup;
        }
        foreach (var subject in obj.ArrayAt("subjects").OfType<JsonObject>())
        {
            if (string.IsNullOrEmpty(subject.StringAt("apiGroup")) && subject.StringAt("kind") is "User" or "Group")
            {
                subject["apiGroup"] = RbacGroup;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var roleRef = obj.ObjectAt("roleRef");
        var apiGroup = roleRef.StringAt("apiGroup") ?? string.Empty;
        if (apiGroup != RbacGroup)
        {
            yield return FieldError.NotSupported("roleRef.apiGroup", JsonValue.Create(apiGroup), [RbacGroup]);
        }
        var kind = roleRef.StringAt("kind") ?? string.Empty;
        string[] kinds = _namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            yield return FieldError.NotSupported("roleRef.kind", JsonValue.Create(kind), kinds);
        }
        var name = roleRef.StringAt("name") ?? string.Empty;
        if (name.Length == 0)
        {
            yield return FieldError.Required("roleRef.name");
        }
        foreach (var problem in name.Length == 0 ? [] : NameRules.CheckPathSegment(name))
        {
            yield return FieldError.Invalid("roleRef.name", JsonValue.Create(name), problem);
        }
        var subjects = obj.ArrayAt("subjects").ToList();
        for (var i = 0; i < subjects.Count; i++)
        {
            foreach (var error in ValidateSubject(subjects[i], $"subjects[{i}]"))
            {
                yield return error;
            }
        }
        if (old is not null && !old["roleRef"].SameAs(obj["roleRef"]))
        {
            yield return FieldError.Invalid("roleRef", obj["roleRef"], "cannot change roleRef");
        }
    }

    private IEnumerable<FieldError> ValidateSubject(JsonNode? subject, string field)
    {
        var name = subject.StringAt("name") ?? string.Empty;
        var apiGroup = subject.StringAt("apiGroup") ?? string.Empty;
        if (name.Length == 0)
        {
            yield return FieldError.Required($"{field}.name");
        }
        switch (subject.StringAt("kind") ?? string.Empty)
        {
            case "ServiceAccount":
                foreach (var problem in name.Length == 0 ? [] : NameRules.CheckSubdomain(name))
                {
                    yield return FieldError.Invalid($"{field}.name", JsonValue.Create(name), problem);
                }
                if (apiGroup.Length > 0)
                {
                    yield return FieldError.NotSupported($"{field}.apiGroup", JsonValue.Create(apiGroup), [string.Empty]);
                }
                if (!_namespaced && string.IsNullOrEmpty(subject.StringAt("namespace")))
                {
                    yield return FieldError.Required($"{field}.namespace");
                }
                break;
            case var kind and ("User" or "Group"):
                if (name.Length == 0)
                {
                    yield return FieldError.Invalid($"{field}.name", JsonValue.Create(name), $"{kind.ToLowerInvariant()} name cannot be empty");
                }
                if (apiGroup != RbacGroup)
                {
                    yield return FieldError.NotSupported($"{field}.apiGroup", JsonValue.Create(apiGroup), [RbacGroup]);
                }
                break;
            case var other:
                yield return FieldError.NotSupported($"{field}.kind", JsonValue.Create(other), ["ServiceAccount", "User", "Group"]);
                break;
        }
    }
}
