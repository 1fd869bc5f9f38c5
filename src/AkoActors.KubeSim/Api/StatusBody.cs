using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Api;

/// <summary>Builds <c>kind: Status</c> objects, the envelope Kubernetes clients parse for every error and some successes.</summary>
public static class StatusBody
{
    /// <summary>A Failure status.</summary>
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    /// <summary>A Success status, as returned by deletes of kinds that do not return the deleted object.</summary>
    public static JsonObject Success(string name, string group, string resource, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }
        details["kind"] = resource;
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
