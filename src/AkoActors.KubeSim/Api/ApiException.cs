using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Api;

/// <summary>A refused request, carried to the HTTP layer and written as a <c>kind: Status</c> object with the code and reason a real API server uses.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates a refusal with its HTTP code, Status reason and optional details.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The machine-readable reason, e.g. NotFound, Conflict, Invalid.</summary>
    public string Reason { get; }

    /// <summary>Status details (name, group, kind, causes), when any.</summary>
    public JsonObject? Details { get; }

    /// <summary>The <c>kind: Status</c> body for this refusal.</summary>
    public JsonObject ToStatus() => StatusBody.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());

    /// <summary>404: the named object does not exist.</summary>
    public static ApiException NotFound(string groupResource, string name) =>
        new(404, "NotFound", $"{groupResource} \"{name}\" not found", Describe(groupResource, name));

    /// <summary>404: no such path.</summary>
    public static ApiException NoSuchPath() => new(404, "NotFound", "the server could not find the requested resource");

    /// <summary>409: an object with that name already exists.</summary>
    public static ApiException AlreadyExists(string groupResource, string name) =>
        new(409, "AlreadyExists", $"{groupResource} \"{name}\" already exists", Describe(groupResource, name));

    /// <summary>409: optimistic concurrency lost (stale resourceVersion or failed precondition).</summary>
    public static ApiException Conflict(string groupResource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {groupResource} \"{name}\": {why}", Describe(groupResource, name));

    /// <summary>422: field validation failed.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = group,
            ["kind"] = kind,
            ["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["reason"] = e.CauseReason,
                ["message"] = e.Message,
                ["field"] = e.Field,
            }).ToArray()),
        };
        if (group.Length == 0)
        {
            details.Remove("group");
        }
        // kube-apiserver names the group-qualified kind (Deployment.apps, HostRule.ako.vmware.com); kubectl prints details.kind.
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>400: the request cannot be understood.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410: the requested resourceVersion or continue token is older than what is retained.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>415: the body's content type is not accepted for this verb.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    /// <summary>405: the verb is not served for this resource.</summary>
    public static ApiException MethodNotAllowed(string verb) => new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({verb})");

    /// <summary>403: the action is refused by policy (e.g. deleting a system namespace).</summary>
    public static ApiException Forbidden(string groupResource, string name, string why) =>
        new(403, "Forbidden", $"{groupResource} \"{name}\" is forbidden: {why}", Describe(groupResource, name));

    /// <summary>401: no or a wrong bearer token.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>406: none of the accepted media types can be produced.</summary>
    public static ApiException NotAcceptable(string accept) => new(406, "NotAcceptable", $"only the following media types are accepted: application/json, application/yaml (requested {accept})");

    private static JsonObject Describe(string groupResource, string name)
    {
        var dot = groupResource.IndexOf('.', StringComparison.Ordinal);
        var details = new JsonObject { ["name"] = name };
        if (dot > 0)
        {
            details["group"] = groupResource[(dot + 1)..];
            details["kind"] = groupResource[..dot];
        }
        else
        {
            details["kind"] = groupResource;
        }
        return details;
    }
}
