using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Informers;

/// <summary>List + watch for one resource, the way client-go's reflector does it: page through a list, watch from its
/// resourceVersion with bookmarks, renew the watch where it ended, relist on 410 Gone, back off (with jitter) on errors.</summary>
/// <remarks>The sink only ever sees a complete list replace the old one, so a relist never makes objects look deleted
/// for a moment; a failed list leaves the previous state in place.</remarks>
public sealed class Informer<TObject, TList>
    where TObject : IKubernetesObject<V1ObjectMeta>
    where TList : IItems<TObject>, IMetadata<V1ListMeta>
{
    /// <summary>One page of the list: continue token in, page (with the next token and the list's resourceVersion) out.</summary>
    public delegate Task<TList> ListPage(string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>A watch from a resourceVersion, with bookmarks, ending after the timeout; errors inside the stream go to onError.</summary>
    public delegate IAsyncEnumerable<(WatchEventType, TObject)> Watch(
        string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken);

    private readonly string _resource;
    private readonly ListPage _list;
    private readonly Watch _watch;
    private readonly IInformerSink<TObject> _sink;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private long _failingSinceTicks;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _watches;

    public Informer(string resource, ListPage list, Watch watch, IInformerSink<TObject> sink, InformerOptions options, ILogger logger)
    {
        _resource = resource;
        _list = list;
        _watch = watch;
        _sink = sink;
        _options = options;
        _logger = logger;
    }

    public string Resource => _resource;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Watches opened so far (each renewal counts), for tests and diagnostics.</summary>
    public long WatchesStarted => Interlocked.Read(ref _watches);

    /// <summary>Completes when the first complete list has reached the sink.</summary>
    public Task Synced => _synced.Task;

    /// <summary>When this informer's list or watch started failing without a success since (null while healthy): a replica
    /// whose Kubernetes API is gone must stop claiming readiness, and eventually health.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _failingSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Lists and watches until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var notServed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var resourceVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
                notServed = false;
                Healthy();
                await WatchUntilExpiredAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResourceNotServedException absent)
            {
                // Nothing of it exists: an empty cache is the truth (a CRD deleted takes its objects with it). Said once per
                // change, not on every look.
                failures = 0;
                Healthy();
                _sink.Replace([]);
                _synced.TrySetResult();
                if (!notServed)
                {
                    _logger.LogInformation("{Reason}; running without {Resource} and looking again every {Recheck}",
                        absent.Message, _resource, _options.AbsentResourceRecheck);
                }
                notServed = true;
                await Task.Delay(_options.AbsentResourceRecheck, _options.Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failures++;
                Failing();
                var delay = Backoff(failures);
                _logger.LogWarning(exception, "Listing {Resource} failed ({Failures} in a row); retrying in {Delay}", _resource, failures, delay);
                await Task.Delay(delay, _options.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<TObject>();
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            var page = await _list(continueToken, _options.PageSize, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion ?? resourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        _sink.Replace(items);
        if (_synced.TrySetResult())
        {
            _logger.LogInformation("Listed {Count} {Resource} at resourceVersion {ResourceVersion}", items.Count, _resource, resourceVersion);
        }
        else
        {
            _logger.LogInformation("Relisted {Count} {Resource} at resourceVersion {ResourceVersion}", items.Count, _resource, resourceVersion);
        }
        return resourceVersion ?? string.Empty;
    }

    /// <summary>Watches from <paramref name="resourceVersion"/>, renewing after server timeouts; returns when a relist is needed.</summary>
    private async Task WatchUntilExpiredAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var expired = false;
            try
            {
                Interlocked.Increment(ref _watches);
                var events = _watch(resourceVersion, (int)_options.WatchTimeout.TotalSeconds, OnError, cancellationToken);
                await foreach (var (type, item) in events.ConfigureAwait(false))
                {
                    failures = 0;
                    Healthy();
                    resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                    switch (type)
                    {
                        case WatchEventType.Added:
                        case WatchEventType.Modified:
                            _sink.Upsert(item);
                            break;
                        case WatchEventType.Deleted:
                            _sink.Delete(item);
                            break;
                        case WatchEventType.Bookmark:
                        case WatchEventType.Error:
                            break;
                    }
                }
                if (expired) return;
            }
            catch (Exception idle) when (idle.GetBaseException() is EndOfStreamException)
            {
                Healthy();
                // KubernetesClient reports a watch that ended before its first event as an EndOfStreamException (wrapped in
                // an HttpRequestException; kubernetes-client/csharp#893): an idle watch timing out, not an error.
                continue;
            }
            catch (HttpOperationException gone) when (gone.Response?.StatusCode == HttpStatusCode.Gone)
            {
                _logger.LogInformation("Watch of {Resource} from {ResourceVersion} is too old (410); relisting", _resource, resourceVersion);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                Failing();
                if (failures > 5) throw;
                var delay = Backoff(failures);
                _logger.LogWarning(exception, "Watch of {Resource} broke ({Failures} in a row); resuming from {ResourceVersion} in {Delay}",
                    _resource, failures, resourceVersion, delay);
                await Task.Delay(delay, _options.Clock, cancellationToken).ConfigureAwait(false);
            }

            void OnError(Exception error)
            {
                if (error is KubernetesException { Status.Code: 410 })
                {
                    expired = true;
                    _logger.LogInformation("Watch of {Resource} expired at {ResourceVersion}; relisting", _resource, resourceVersion);
                }
                else
                {
                    _logger.LogWarning(error, "Watch of {Resource} reported an error", _resource);
                }
            }
        }
    }

    private void Healthy() => Interlocked.Exchange(ref _failingSinceTicks, 0);

    private void Failing() => Interlocked.CompareExchange(ref _failingSinceTicks, _options.Clock.GetUtcNow().UtcTicks, 0);

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
