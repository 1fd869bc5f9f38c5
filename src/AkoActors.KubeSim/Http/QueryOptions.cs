using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Selectors;
using Microsoft.AspNetCore.Http;

namespace AkoActors.KubeSim.Http;

/// <summary>Reads the query parameters of list, watch, write and delete requests.</summary>
public static class QueryOptions
{
    /// <summary>List options from the query string.</summary>
    public static ListQuery List(IQueryCollection query, ResourceType type) => new()
    {
        Labels = LabelSelector.Parse(query["labelSelector"]),
        Fields = FieldSelector.Parse(query["fieldSelector"], ObjectFields.Supported(type.Storage)),
        Limit = Int(query, "limit") is { } limit and > 0 ? (int)Math.Min(limit, int.MaxValue) : 0,
        Continue = query["continue"].FirstOrDefault(),
        ResourceVersion = query["resourceVersion"].FirstOrDefault(),
        ResourceVersionMatch = query["resourceVersionMatch"].FirstOrDefault(),
    };

    /// <summary>Write options (dryRun, fieldValidation); dropped unknown fields become Warning headers, as kubectl prints them.</summary>
    public static WriteOptions Write(HttpContext context)
    {
        var query = context.Request.Query;
        var validation = query["fieldValidation"].FirstOrDefault() ?? "Warn";
        if (validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiException.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\" (got \"{validation}\")");
        }
        return new WriteOptions
        {
            DryRun = IsDryRun(query),
            FieldValidation = validation,
            Warn = message => context.Response.Headers.Append("Warning", $"299 - \"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\""),
        };
    }

    /// <summary>Whether a boolean flag (<c>watch=true</c>, <c>watch=1</c>) is set.</summary>
    public static bool Flag(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>An integer parameter, 400 when malformed.</summary>
    public static long? Int(IQueryCollection query, string name)
    {
        var text = query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw ApiException.BadRequest($"invalid value for {name}: {text}");
    }

    /// <summary>Delete options from the body (metav1.DeleteOptions) and the query string.</summary>
    public static DeleteRequest Delete(IQueryCollection query, JsonObject? body)
    {
        var propagation = body.StringAt("propagationPolicy") ?? query["propagationPolicy"].FirstOrDefault();
        if (body.BoolAt("orphanDependents") == true || Flag(query, "orphanDependents"))
        {
            propagation ??= "Orphan";
        }
        if (propagation is not null and not ("Orphan" or "Background" or "Foreground"))
        {
            throw ApiException.Invalid("DeleteOptions", string.Empty, string.Empty, [FieldError.NotSupported("propagationPolicy", JsonValue.Create(propagation), ["Background", "Foreground", "Orphan"])]);
        }
        return new DeleteRequest
        {
            PropagationPolicy = propagation,
            GracePeriodSeconds = body.LongAt("gracePeriodSeconds") ?? Int(query, "gracePeriodSeconds"),
            PreconditionUid = body.StringAt("preconditions", "uid"),
            PreconditionResourceVersion = body.StringAt("preconditions", "resourceVersion"),
            DryRun = IsDryRun(query) || body.ArrayAt("dryRun").Any(),
        };
    }

    private static bool IsDryRun(IQueryCollection query) => query["dryRun"].Any(v => v == "All");
}
