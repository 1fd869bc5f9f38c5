using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Audit;
using AkoActors.AviSim.Faults;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Control;

/// <summary>The <c>/sim/</c> control API (not part of Avi's API): the HTTP face of <see cref="SimulatorControl"/>
/// for harnesses that run AviSim as a separate process.</summary>
internal sealed class SimEndpoints(SimulatorControl control, Func<JsonObject> info, long maxBodyBytes)
{
    public async Task HandleAsync(HttpContext context, string[] segments)
    {
        var method = context.Request.Method;
        switch (segments, method)
        {
            case (["info"], "GET"):
                await Ok(context, info());
                return;
            case (["latency"], "GET"):
                await Ok(context, LatencyJson(control.Faults.Latency));
                return;
            case (["latency"], "PUT" or "POST"):
                control.Faults.Latency = ParseLatency(await Body(context));
                await Ok(context, LatencyJson(control.Faults.Latency));
                return;
            case (["faults"], "GET"):
                await Ok(context, new JsonArray(control.Faults.Rules.Select(r => (JsonNode)RuleJson(r)).ToArray()));
                return;
            case (["faults"], "POST"):
                await Ok(context, RuleJson(control.Faults.AddRule(ParseRule(await Body(context)))), 201);
                return;
            case (["faults"], "DELETE"):
                control.Faults.ClearRules();
                context.Response.StatusCode = 204;
                return;
            case (["faults", var id], "DELETE"):
                context.Response.StatusCode = int.TryParse(id, CultureInfo.InvariantCulture, out var ruleId) && control.Faults.RemoveRule(ruleId) ? 204 : 404;
                return;
            case (["concurrency"], "GET"):
                await Ok(context, ConcurrencyJson());
                return;
            case (["concurrency"], "PUT" or "POST"):
                control.Faults.MaxConcurrentRequests = Int(await Body(context), "max_concurrent", min: 0);
                await Ok(context, ConcurrencyJson());
                return;
            case (["down"], "GET"):
                await Ok(context, DownJson());
                return;
            case (["down"], "PUT" or "POST"):
                control.Faults.Down = ParseDown(await Body(context));
                await Ok(context, DownJson());
                return;
            case (["sessions"], "GET"):
                await Ok(context, SessionsJson());
                return;
            case (["sessions"], "PUT" or "POST"):
                var sessionSettings = await Body(context);
                if (sessionSettings.ContainsKey("idle_timeout_seconds"))
                {
                    control.SessionIdleTimeout = TimeSpan.FromSeconds(Int(sessionSettings, "idle_timeout_seconds", min: 1));
                }
                if (sessionSettings.ContainsKey("expired_status"))
                {
                    var expired = Int(sessionSettings, "expired_status", min: 401);
                    control.ExpiredSessionStatus = expired is 401 or 419
                        ? expired
                        : throw new AviRequestException(400, $"expired_status {expired} is not 401 or 419");
                }
                await Ok(context, SessionsJson());
                return;
            case (["sessions", "expire"], "POST"):
                var sessionId = context.Request.ContentLength > 0 ? (await Body(context))["session_id"]?.GetValue<string>() : null;
                await Ok(context, new JsonObject { ["expired"] = control.ExpireSessions(sessionId) });
                return;
            case (["reset"], "POST"):
                control.Reset();
                await Ok(context, new JsonObject { ["reset"] = true, ["profile"] = control.Profile.Name, ["objects"] = control.ObjectCount });
                return;
            case (["seed"], "POST" or "PUT"):
                await SeedAsync(context);
                return;
            case (["profile"], "GET"):
                await Ok(context, control.Profile.ToJson(includeSecrets: false));
                return;
            case (["state"], "GET"):
                var type = context.Request.Query["type"].ToString();
                var tenant = context.Request.Query["tenant"].ToString();
                await Ok(context, context.Request.Query["by"].ToString() == "tenant"
                    ? control.DumpStateByTenant(Origin(context))
                    : control.DumpState(Origin(context), type.Length == 0 ? null : type, tenant.Length == 0 ? null : tenant));
                return;
            case (["users"], "GET"):
                await Ok(context, new JsonArray(control.Users.Select(u => (JsonNode)SimUserJson.Describe(u)).ToArray()));
                return;
            case (["users"], "POST" or "PUT"):
                var user = SimUserJson.Parse(await Body(context));
                control.SetUser(user);
                await Ok(context, SimUserJson.Describe(user));
                return;
            case (["users", var username], "DELETE"):
                context.Response.StatusCode = control.RemoveUser(username) ? 204 : 404;
                return;
            case (["state"], "PUT" or "POST"):
                control.LoadState(await Body(context));
                await Ok(context, new JsonObject { ["loaded"] = true, ["objects"] = control.ObjectCount });
                return;
            case (["audit"], "GET"):
                var since = long.TryParse(context.Request.Query["since"], CultureInfo.InvariantCulture, out var s) ? s : 0;
                await Ok(context, new JsonObject
                {
                    ["total"] = control.Audit.TotalRecorded,
                    ["entries"] = JsonSerializer.SerializeToNode(control.Audit.Since(since), SimJson.Options),
                });
                return;
            case (["audit"], "DELETE"):
                control.Audit.Clear();
                context.Response.StatusCode = 204;
                return;
            case (["stats"], "GET"):
                await Ok(context, JsonSerializer.SerializeToNode(control.Stats, SimJson.Options)!);
                return;
            case (["dns"], "GET"):
                await Ok(context, new JsonArray(control.DnsRecords.Select(r => (JsonNode)new JsonObject
                {
                    ["fqdn"] = r.Fqdn, ["address"] = r.Address.ToString(), ["ttl"] = r.Ttl, ["vsvip_uuid"] = r.OwnerUuid,
                }).ToArray()));
                return;
            default:
                throw new AviRequestException(404, $"Unknown simulator endpoint {method} {context.Request.Path}");
        }
    }

    private async Task SeedAsync(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (text.Length > maxBodyBytes)
        {
            throw AviRequestException.BadRequest($"Profile exceeds the limit of {maxBodyBytes} bytes");
        }
        var isYaml = context.Request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) ?? false;
        SeedProfile profile;
        try
        {
            profile = SeedProfile.Parse(text, isYaml);
        }
        catch (FormatException ex)
        {
            throw AviRequestException.BadRequest(ex.Message);
        }
        try
        {
            control.Seed(profile);
        }
        catch (InvalidOperationException ex)
        {
            throw AviRequestException.BadRequest(ex.Message);
        }
        await Ok(context, new JsonObject { ["seeded"] = profile.Name, ["objects"] = control.ObjectCount });
    }

    private Task<JsonObject> Body(HttpContext context) => RequestBodyReader.ReadObjectAsync(context.Request, maxBodyBytes);

    private static Task Ok(HttpContext context, JsonNode body, int status = 200) => ResponseWriter.JsonAsync(context, status, body);

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static LatencyModel ParseLatency(JsonObject body)
    {
        var p50 = Milliseconds(body, "p50_ms");
        var p99 = Milliseconds(body, "p99_ms");
        var fixedMs = Milliseconds(body, "fixed_ms");
        try
        {
            return (fixedMs, p50, p99) switch
            {
                (null, null, null) => LatencyModel.None,
                ({ } f, null, null) => LatencyModel.Fixed(f),
                (null, { } a, { } b) => LatencyModel.Distribution(a, b),
                _ => throw AviRequestException.BadRequest("latency is either {\"fixed_ms\": n} or {\"p50_ms\": a, \"p99_ms\": b}"),
            };
        }
        catch (ArgumentException ex)
        {
            throw AviRequestException.BadRequest(ex.Message);
        }
    }

    private static TimeSpan? Milliseconds(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var ms) && ms >= 0 => TimeSpan.FromMilliseconds(ms),
            _ => throw AviRequestException.BadRequest($"'{field}' must be a non-negative number of milliseconds"),
        };

    private static JsonObject LatencyJson(LatencyModel model) => model.IsDistribution
        ? new JsonObject { ["p50_ms"] = model.P50!.Value.TotalMilliseconds, ["p99_ms"] = model.P99!.Value.TotalMilliseconds }
        : new JsonObject { ["fixed_ms"] = model.FixedDelay.TotalMilliseconds };

    private static FaultRule ParseRule(JsonObject body)
    {
        string Text(string field, string fallback) => body[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;
        var rate = body["rate"] is JsonValue r && r.TryGetValue<double>(out var rateValue) ? rateValue : 1.0;
        var status = Int(body, "status", min: 100);
        var count = body["count"] is null ? (int?)null : Int(body, "count", min: 1);
        var responseBody = body["body"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var node => node.ToJsonString(),
        };
        try
        {
            return new FaultRule(Text("method", "*"), Text("type", "*"), rate, status, responseBody, count);
        }
        catch (ArgumentException ex)
        {
            throw AviRequestException.BadRequest(ex.Message);
        }
    }

    private static JsonObject RuleJson(FaultRule rule) => new()
    {
        ["id"] = rule.Id, ["method"] = rule.Method, ["type"] = rule.ObjectType, ["rate"] = rule.Rate,
        ["status"] = rule.Status, ["body"] = rule.Body, ["count"] = rule.Count,
    };

    private JsonObject ConcurrencyJson() => new()
    {
        ["max_concurrent"] = control.Faults.MaxConcurrentRequests,
        ["in_flight"] = control.Faults.Gate.InFlight,
        ["waiting"] = control.Faults.Gate.Waiting,
        ["peak_in_flight"] = control.Faults.Gate.PeakInFlight,
    };

    private static ControllerDownMode ParseDown(JsonObject body)
    {
        if (body["down"] is JsonValue down && down.TryGetValue<bool>(out var isDown))
        {
            return isDown ? ControllerDownMode.ServiceUnavailable : ControllerDownMode.Up;
        }
        return (body["mode"] as JsonValue)?.ToString() switch
        {
            "up" => ControllerDownMode.Up,
            "503" or "unavailable" => ControllerDownMode.ServiceUnavailable,
            "refuse" or "connection_refused" => ControllerDownMode.ConnectionRefused,
            _ => throw AviRequestException.BadRequest("down is {\"down\": true|false} or {\"mode\": \"up\"|\"503\"|\"refuse\"}"),
        };
    }

    private JsonObject DownJson() => new()
    {
        ["mode"] = control.Faults.Down switch
        {
            ControllerDownMode.ServiceUnavailable => "503",
            ControllerDownMode.ConnectionRefused => "refuse",
            _ => "up",
        },
    };

    private JsonObject SessionsJson() => new()
    {
        ["active"] = control.ActiveSessions,
        ["idle_timeout_seconds"] = control.SessionIdleTimeout.TotalSeconds,
        ["expired_status"] = control.ExpiredSessionStatus,
    };

    private static int Int(JsonObject body, string field, int min) =>
        body[field] is JsonValue v && v.TryGetValue<int>(out var value) && value >= min
            ? value
            : throw AviRequestException.BadRequest($"'{field}' must be an integer >= {min}");
}
