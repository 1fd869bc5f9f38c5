using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Store;
using AkoActors.KubeSim.Tables;
using Microsoft.AspNetCore.Http;

namespace AkoActors.KubeSim.Http;

/// <summary>
/// Serves one watch as newline-delimited JSON events (ADDED/MODIFIED/DELETED/BOOKMARK/ERROR) until timeoutSeconds, the
/// client leaving, server shutdown, or the watcher falling too far behind. A resourceVersion older than the retained
/// history yields HTTP 200 with an ERROR event carrying 410 Expired, as kube-apiserver's watch cache does.
/// </summary>
public sealed class WatchStreamer
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly TimeSpan OverflowGrace = TimeSpan.FromSeconds(5);
    private static readonly byte[] Newline = "}\n"u8.ToArray();
    private readonly ResourceRegistry _registry;
    private readonly WatchOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Creates a streamer over a registry.</summary>
    public WatchStreamer(ResourceRegistry registry, WatchOptions options, TimeProvider clock)
    {
        _registry = registry;
        _options = options;
        _clock = clock;
    }

    /// <summary>Streams the watch described by the request.</summary>
    public async Task StreamAsync(HttpContext context, ApiPath path, bool asTable, CancellationToken shutdown)
    {
        var type = path.Resource;
        var query = context.Request.Query;
        var list = QueryOptions.List(query, type);
        var ns = path.Namespace;
        bool Matches(StoredObject o) =>
            (ns is null || o.Namespace == ns) && (path.Name is null || o.Name == path.Name) &&
            list.Labels.Matches(o.Labels) && list.Fields.Matches(f => ObjectFields.Read(o, f));
        var bookmarks = QueryOptions.Flag(query, "allowWatchBookmarks");
        var sendInitial = QueryOptions.Flag(query, "sendInitialEvents");
        var timeout = QueryOptions.Int(query, "timeoutSeconds") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : _options.DefaultTimeout;
        long? from = list.ResourceVersion is { Length: > 0 } rv && rv != "0" && !sendInitial
            ? long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ApiException.BadRequest($"invalid resource version: {rv}")
            : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        var output = context.Response.BodyWriter;

        WatchSubscription subscription;
        try
        {
            subscription = _registry.Store.Subscribe(type.Storage, from, Matches, _options.QueueCapacity);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            WriteLine(output, "ERROR", JsonSerializer.SerializeToUtf8Bytes(e.ToStatus()));
            await output.FlushAsync(context.RequestAborted);
            return;
        }

        using var subscriptionScope = subscription;
        // A watcher that overflowed still gets its queued events; if it cannot take them within the grace period
        // (it stopped reading and its socket is full) the connection is dropped.
        using var abandon = new CancellationTokenSource();
        using var overflowRegistration = subscription.OverflowToken.Register(() => abandon.CancelAfter(OverflowGrace));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown, abandon.Token);
        stop.CancelAfter(timeout);
        var firstTableRow = true;
        try
        {
            await context.Response.StartAsync(stop.Token);
            foreach (var e in subscription.Backlog)
            {
                Write(output, type, e, asTable, ref firstTableRow);
            }
            if (sendInitial && bookmarks)
            {
                WriteLine(output, "BOOKMARK", Bookmark(type, subscription.StartVersion, initialEventsEnd: true));
            }
            await output.FlushAsync(stop.Token);

            var reader = subscription.Events;
            // One timer per interval, reused across wake-ups, so a busy watch does not pile up timers.
            var bookmarkDue = bookmarks ? Task.Delay(_options.BookmarkInterval, _clock, stop.Token) : null;
            Task<bool>? waiting = null;
            while (!stop.IsCancellationRequested)
            {
                var wrote = false;
                while (reader.TryRead(out var e))
                {
                    Write(output, type, e, asTable, ref firstTableRow);
                    wrote = true;
                    if (output.CanGetUnflushedBytes && output.UnflushedBytes > FlushThreshold)
                    {
                        // Flushing here applies the client's backpressure to this watcher's bounded queue instead of buffering without limit.
                        await output.FlushAsync(stop.Token);
                    }
                }
                if (wrote)
                {
                    await output.FlushAsync(stop.Token);
                    continue;
                }
                if (reader.Completion.IsCompleted)
                {
                    // Queue closed: server shutdown, or this watcher fell too far behind; the client resumes from its last resourceVersion.
                    break;
                }
                if (bookmarkDue is { IsCompleted: true })
                {
                    bookmarkDue = Task.Delay(_options.BookmarkInterval, _clock, stop.Token);
                    if (subscription.BookmarkVersion() is { } version)
                    {
                        WriteLine(output, "BOOKMARK", Bookmark(type, version, initialEventsEnd: false));
                        await output.FlushAsync(stop.Token);
                    }
                    continue;
                }
                waiting ??= reader.WaitToReadAsync(stop.Token).AsTask();
                if (bookmarkDue is null)
                {
                    await waiting;
                    waiting = null;
                }
                else if (await Task.WhenAny(waiting, bookmarkDue) == waiting)
                {
                    await waiting;
                    waiting = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed, the client went away, or the server is stopping: the stream ends cleanly.
        }
        if (abandon.IsCancellationRequested)
        {
            // The client stopped reading; its socket is full, so the response cannot be finished. Drop the connection.
            context.Abort();
            return;
        }
        if (!context.RequestAborted.IsCancellationRequested)
        {
            try
            {
                await output.FlushAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // The connection is gone; nothing left to deliver.
            }
        }
    }

    private void Write(PipeWriter output, ResourceType type, StoreEvent e, bool asTable, ref bool firstTableRow)
    {
        var eventType = e.Type switch
        {
            StoreEventType.Added => "ADDED",
            StoreEventType.Modified => "MODIFIED",
            _ => "DELETED",
        };
        if (asTable)
        {
            var table = TableBuilder.Build(type, [_registry.Serve(type, e.Object)], null, null, null, "Metadata", _clock.GetUtcNow(), withColumns: firstTableRow);
            firstTableRow = false;
            WriteLine(output, eventType, JsonSerializer.SerializeToUtf8Bytes(table));
        }
        else if (type.Conversion is null)
        {
            WriteLine(output, eventType, e.Object.Json.Span);
        }
        else
        {
            WriteLine(output, eventType, JsonSerializer.SerializeToUtf8Bytes(_registry.Serve(type, e.Object)));
        }
    }

    private static byte[] Bookmark(ResourceType type, long version, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata });
    }

    private static readonly Dictionary<string, byte[]> Prefixes = new[] { "ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR" }
        .ToDictionary(t => t, t => Encoding.UTF8.GetBytes($"{{\"type\":\"{t}\",\"object\":"), StringComparer.Ordinal);

    private static void WriteLine(PipeWriter output, string eventType, ReadOnlySpan<byte> objectJson)
    {
        output.Write(Prefixes[eventType]);
        output.Write(objectJson);
        output.Write(Newline);
    }
}
