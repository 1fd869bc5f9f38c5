using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>IngressClass validation: a domain-prefixed, immutable spec.controller.</summary>
public sealed class IngressClassStrategy : IResourceStrategy
{
    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var controller = obj.StringAt("spec", "controller");
        if (string.IsNullOrEmpty(controller))
        {
            yield return FieldError.Required("spec.controller");
            yield break;
        }
        var slash = controller.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || NameRules.CheckSubdomain(controller[..slash]).Any())
        {
            yield return FieldError.Invalid("spec.controller", JsonValue.Create(controller), "must be a domain-prefixed path (such as \"acme.io/foo\")");
        }
        if (old is not null && old.StringAt("spec", "controller") != controller)
        {
            yield return FieldError.Invalid("spec.controller", JsonValue.Create(controller), "field is immutable");
        }
    }
}
