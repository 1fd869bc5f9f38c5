using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Ingress validation (pathType required, backends well formed) and the DefaultIngressClass admission that fills spec.ingressClassName.</summary>
public sealed class IngressStrategy : IResourceStrategy
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        var spec = obj.EnsureObject("spec");
        if (spec["ingressClassName"] is not null || obj.StringAt("metadata", "annotations", "kubernetes.io/ingress.class") is not null)
        {
            return;
        }
        // DefaultIngressClass admission: exactly the classes annotated as default; the newest wins like upstream.
        var defaults = context.Store.List("ingressclasses.networking.k8s.io").Values
            .Select(c => c.ToJson())
            .Where(c => c.StringAt("metadata", "annotations", "ingressclass.kubernetes.io/is-default-class") == "true")
            .OrderByDescending(c => c.StringAt("metadata", "creationTimestamp"), StringComparer.Ordinal)
            .ToList();
        if (defaults.Count > 0)
        {
            spec["ingressClassName"] = defaults[0].StringAt("metadata", "name");
        }
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        var rules = spec?["rules"] as JsonArray ?? [];
        if (spec?["defaultBackend"] is null && rules.Count == 0)
        {
            yield return FieldError.Invalid("spec", spec?.DeepClone(), "either `defaultBackend` or `rules` must be specified");
        }
        if (spec?["defaultBackend"] is { } defaultBackend)
        {
            foreach (var error in ValidateBackend(defaultBackend, "spec.defaultBackend"))
            {
                yield return error;
            }
        }
        if (spec.StringAt("ingressClassName") is { } className)
        {
            foreach (var problem in NameRules.CheckSubdomain(className))
            {
                yield return FieldError.Invalid("spec.ingressClassName", JsonValue.Create(className), problem);
            }
        }
        for (var r = 0; r < rules.Count; r++)
        {
            var at = $"spec.rules[{r}]";
            if (rules[r].StringAt("host") is { Length: > 0 } host)
            {
                if (IPAddressText.IsAddress(host))
                {
                    yield return FieldError.Invalid($"{at}.host", JsonValue.Create(host), "must be a DNS name, not an IP address");
                }
                var checkedHost = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                foreach (var problem in NameRules.CheckSubdomain(checkedHost))
                {
                    yield return FieldError.Invalid($"{at}.host", JsonValue.Create(host), problem);
                }
            }
            if (rules[r]?["http"] is not { } http)
            {
                continue;
            }
            if (http["paths"] is not JsonArray { Count: > 0 } paths)
            {
                yield return FieldError.Required($"{at}.http.paths");
                continue;
            }
            for (var p = 0; p < paths.Count; p++)
            {
                var pathAt = $"{at}.http.paths[{p}]";
                var pathType = paths[p].StringAt("pathType");
                var path = paths[p].StringAt("path");
                if (pathType is null)
                {
                    yield return FieldError.Required($"{pathAt}.pathType", "pathType must be specified");
                }
                else if (!PathTypes.Contains(pathType))
                {
                    yield return FieldError.NotSupported($"{pathAt}.pathType", paths[p]!["pathType"], PathTypes);
                }
                if (pathType is "Exact" or "Prefix" && (path is null || !path.StartsWith('/')))
                {
                    yield return FieldError.Invalid($"{pathAt}.path", JsonValue.Create(path), "must be an absolute path");
                }
                if (paths[p]?["backend"] is not { } backend)
                {
                    yield return FieldError.Required($"{pathAt}.backend");
                }
                else
                {
                    foreach (var error in ValidateBackend(backend, $"{pathAt}.backend"))
                    {
                        yield return error;
                    }
                }
            }
        }
        var tls = spec?["tls"] as JsonArray ?? [];
        for (var t = 0; t < tls.Count; t++)
        {
            var hosts = tls[t].ArrayAt("hosts").ToList();
            for (var h = 0; h < hosts.Count; h++)
            {
                var host = hosts[h]?.GetValue<string>() ?? string.Empty;
                var checkedHost = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                foreach (var problem in NameRules.CheckSubdomain(checkedHost))
                {
                    yield return FieldError.Invalid($"spec.tls[{t}].hosts[{h}]", JsonValue.Create(host), problem);
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateBackend(JsonNode backend, string at)
    {
        var service = backend["service"];
        var resource = backend["resource"];
        if (service is null && resource is null)
        {
            yield return FieldError.Invalid(at, backend.DeepClone(), "one backend (service or resource) must be specified");
            yield break;
        }
        if (service is not null && resource is not null)
        {
            yield return FieldError.Invalid(at, backend.DeepClone(), "cannot set both service and resource backends");
        }
        if (service is null)
        {
            yield break;
        }
        var name = service.StringAt("name");
        if (string.IsNullOrEmpty(name))
        {
            yield return FieldError.Required($"{at}.service.name");
        }
        else
        {
            foreach (var problem in NameRules.CheckDns1035(name))
            {
                yield return FieldError.Invalid($"{at}.service.name", JsonValue.Create(name), problem);
            }
        }
        var port = service["port"];
        var number = port.LongAt("number");
        var portName = port.StringAt("name");
        if (number is null && portName is null)
        {
            yield return FieldError.Required($"{at}.service.port", "port name or number is required");
        }
        else if (number is not null && portName is not null)
        {
            yield return FieldError.Invalid($"{at}.service.port", port?.DeepClone(), "cannot set both port name & port number");
        }
        else if (number is < 1 or > 65535)
        {
            yield return FieldError.Invalid($"{at}.service.port.number", port!["number"], "must be between 1 and 65535, inclusive");
        }
    }
}
