using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// Role and ClusterRole validation as kube-apiserver's RBAC registry does it: path-segment names (so <c>system:aggregate-to-admin</c>
/// is valid), verbs on every rule, api groups and resources on resource rules, non-resource URLs only in cluster roles.
/// </summary>
public sealed class RbacRoleStrategy : IResourceStrategy
{
    private readonly bool _namespaced;

    /// <summary>Creates the strategy for Role (namespaced) or ClusterRole.</summary>
    public RbacRoleStrategy(bool namespaced)
    {
        _namespaced = namespaced;
    }

    /// <inheritdoc />
    public IEnumerable<string> CheckName(string name) => NameRules.CheckPathSegment(name);

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var rules = obj.ArrayAt("rules").ToList();
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var error in ValidateRule(rules[i], $"rules[{i}]"))
            {
                yield return error;
            }
        }
    }

    private IEnumerable<FieldError> ValidateRule(JsonNode? rule, string field)
    {
        int Count(string list) => rule.ArrayAt(list).Count();
        if (Count("verbs") == 0)
        {
            yield return FieldError.Required($"{field}.verbs", "verbs must contain at least one value");
        }
        if (Count("nonResourceURLs") > 0)
        {
            if (_namespaced)
            {
                yield return FieldError.Invalid($"{field}.nonResourceURLs", rule!["nonResourceURLs"], "namespaced rules cannot apply to non-resource URLs");
            }
            if (Count("apiGroups") > 0 || Count("resources") > 0 || Count("resourceNames") > 0)
            {
                yield return FieldError.Invalid($"{field}.nonResourceURLs", rule!["nonResourceURLs"], "rules cannot apply to both regular resources and non-resource URLs");
            }
            yield break;
        }
        if (Count("apiGroups") == 0)
        {
            yield return FieldError.Required($"{field}.apiGroups", "resource rules must supply at least one api group");
        }
        if (Count("resources") == 0)
        {
            yield return FieldError.Required($"{field}.resources", "resource rules must supply at least one resource");
        }
        if (Count("resourceNames") > 0 && Count("resources") > 1)
        {
            yield return FieldError.Required($"{field}.resourceNames", "resource names cannot apply to multiple resources");
        }
    }
}
