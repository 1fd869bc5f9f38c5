using AkoActors.AviSim.Api;
using AkoActors.AviSim.Audit;
using AkoActors.AviSim.Control;
using AkoActors.AviSim.Faults;
using AkoActors.AviSim.Sessions;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AkoActors.AviSim.Hosting;

/// <summary>The one terminal middleware: normalises the path (<c>//api</c>, trailing slashes), applies the
/// controller-down switch, the concurrency cap, latency and injected faults to Avi traffic, dispatches to
/// login, <c>/api</c> or <c>/sim</c>, turns refusals into <c>{"error"}</c> bodies and audits every write.</summary>
internal sealed class RequestPipeline(
    ApiEndpoints api,
    LoginEndpoints login,
    SimEndpoints sim,
    FaultInjector faults,
    AuditLog audit,
    RequestCounters counters,
    TimeProvider time,
    ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["sim", ..])
        {
            await RunAsync(context, null, () => sim.HandleAsync(context, segments[1..]));
            return;
        }
        var method = context.Request.Method;
        var call = new ApiCall(method, segments is ["api", var type, ..] ? type : segments is [var first] ? first : null);
        // Audit when the response starts, so a client (or a test) that has the answer also finds the write in the log.
        context.Response.OnStarting(() =>
        {
            Finish(context, call);
            return Task.CompletedTask;
        });
        switch (faults.Down)
        {
            case ControllerDownMode.ConnectionRefused:
                context.Abort();
                return;
            case ControllerDownMode.ServiceUnavailable:
                call.InjectedFault = true;
                call.Error = "Controller is not available (AviSim down switch)";
                await ResponseWriter.ErrorAsync(context, 503, "Controller is not available (AviSim down switch)");
                Finish(context, call);
                return;
        }
        using var slot = await faults.Gate.EnterAsync(context.RequestAborted);
        var delay = faults.NextLatency();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        if (faults.Draw(method, call.ObjectType) is { } fault)
        {
            call.InjectedFault = true;
            call.Error = fault.Body ?? $"Injected fault {fault.Id}";
            context.Response.StatusCode = fault.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body ?? $"{{\"error\": \"AviSim injected fault {fault.Id} ({fault.Status})\"}}");
            Finish(context, call);
            return;
        }
        await RunAsync(context, call, () => segments switch
        {
            ["login"] when method == "POST" => login.LoginAsync(context),
            ["logout"] when method == "POST" => login.LogoutAsync(context),
            ["api", .. var rest] => api.HandleAsync(context, rest, call),
            _ => throw new AviRequestException(404, $"Not found: {context.Request.Path}"),
        });
        Finish(context, call);
    }

    private async Task RunAsync(HttpContext context, ApiCall? call, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (AviRequestException ex)
        {
            if (call is not null)
            {
                call.Error = ex.Message;
            }
            await WriteErrorAsync(context, ex.Status, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Unhandled error serving {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            if (call is not null)
            {
                call.Error = ex.Message;
            }
            await WriteErrorAsync(context, 500, $"Internal simulator error: {ex.Message}");
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        context.Response.HasStarted ? Task.CompletedTask : ResponseWriter.ErrorAsync(context, status, message);

    private void Finish(HttpContext context, ApiCall call)
    {
        if (call.Finished) return;
        call.Finished = true;
        var status = context.Response.StatusCode;
        counters.Count(status, $"{call.Method} {call.ObjectType ?? "other"}");
        if (!call.IsWrite || call.ObjectType is null || call.ObjectType is "login" or "logout")
        {
            return;
        }
        var headers = context.Request.Headers;
        var clientHeaders = headers
            .Where(h => h.Key.StartsWith("X-Ako-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var entry = audit.Record(sequence => new AuditEntry(
            sequence,
            time.GetUtcNow(),
            call.Method,
            call.ObjectType,
            call.Uuid,
            call.Name,
            call.Tenant ?? (headers["X-Avi-Tenant"].ToString() is { Length: > 0 } tenant ? tenant : "admin"),
            call.SessionId ?? context.Request.Cookies["sessionid"],
            status,
            headers["X-Avi-UserAgent"].ToString() is { Length: > 0 } agent ? agent : null,
            headers["X-Ako-Replica"].ToString() is { Length: > 0 } replica ? replica : null,
            clientHeaders,
            call.InjectedFault,
            call.Error,
            call.Markers,
            call.StaticRoutes));
        logger.LogInformation("{Method} {ObjectType} {Name} {Uuid} tenant={Tenant} -> {Status}{Error}",
            entry.Method, entry.ObjectType, entry.Name, entry.Uuid, entry.Tenant, entry.Status,
            entry.Error is null ? "" : ": " + entry.Error);
    }
}
