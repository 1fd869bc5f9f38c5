using System.Net;
using System.Runtime.CompilerServices;
using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AkoActors.Kubernetes.Tests;

/// <summary>The reflector loop with scripted list and watch answers: relist on 410, resume from the last resourceVersion,
/// pages followed, and a failed list keeping the previous state.</summary>
public sealed class InformerTests
{
    [Fact]
    public async Task A_watch_answered_410_leads_to_a_fresh_list_that_replaces_the_cache()
    {
        var sink = new RecordingSink();
        var lists = 0;
        var watches = new List<string>();
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>("configmaps",
            (_, _, _) =>
            {
                lists++;
                return Task.FromResult(new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = $"{lists * 100}" }, Items = [Map($"list{lists}")] });
            },
            (rv, _, _, ct) =>
            {
                watches.Add(rv);
                if (watches.Count == 1) throw new HttpOperationException { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), "") };
                if (watches.Count >= 3) stop.Cancel();
                return Events(ct, (WatchEventType.Added, Map("watched", "201")));
            },
            sink, Fast, NullLogger.Instance);

        await informer.RunAsync(stop.Token);

        Assert.Equal(2, lists);
        Assert.Equal(["100", "200", "201"], watches);
        Assert.Equal(["list1"], sink.Replacements[0]);
        Assert.Equal(["list2"], sink.Replacements[1]);
        Assert.Contains("watched", sink.Upserts);
    }

    [Fact]
    public async Task A_list_is_followed_across_continue_tokens_before_anything_reaches_the_cache()
    {
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>("configmaps",
            (token, _, _) => Task.FromResult(token is null
                ? new V1ConfigMapList { Metadata = new V1ListMeta { ContinueProperty = "page2", ResourceVersion = "7" }, Items = [Map("a")] }
                : new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = "7" }, Items = [Map("b")] }),
            (_, _, _, ct) =>
            {
                stop.Cancel();
                return Events(ct);
            },
            sink, Fast, NullLogger.Instance);

        await informer.RunAsync(stop.Token);

        Assert.Equal(["a", "b"], Assert.Single(sink.Replacements));
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task A_failed_list_is_retried_and_never_empties_the_cache()
    {
        var sink = new RecordingSink();
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>("configmaps",
            (_, _, _) => ++attempts < 3
                ? Task.FromException<V1ConfigMapList>(new HttpRequestException("connection refused"))
                : Task.FromResult(new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = "1" }, Items = [Map("a")] }),
            (_, _, _, ct) =>
            {
                stop.Cancel();
                return Events(ct);
            },
            sink, Fast, NullLogger.Instance);

        await informer.RunAsync(stop.Token);

        Assert.Equal(3, attempts);
        Assert.Equal(["a"], Assert.Single(sink.Replacements));
    }

    [Fact]
    public async Task A_failed_list_waits_out_its_backoff_on_the_injected_clock_not_the_wall_clock()
    {
        // A backoff of 5 to 10 minutes (jitter): only the injected clock can let it pass while the test runs.
        var clock = new FakeTimeProvider();
        var options = new InformerOptions { MinBackoff = TimeSpan.FromMinutes(10), MaxBackoff = TimeSpan.FromMinutes(10), Clock = clock };
        var sink = new RecordingSink();
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>("configmaps",
            (_, _, _) => Interlocked.Increment(ref attempts) == 1
                ? Task.FromException<V1ConfigMapList>(new HttpRequestException("connection refused"))
                : Task.FromResult(new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = "1" }, Items = [Map("a")] }),
            (_, _, _, ct) =>
            {
                stop.Cancel();
                return Events(ct);
            },
            sink, options, NullLogger.Instance);

        var running = informer.RunAsync(stop.Token);
        var advanced = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!running.IsCompleted && DateTime.UtcNow < deadline)
        {
            // The retry can only come once the clock is at least the shortest backoff past the failure.
            Assert.True(Volatile.Read(ref attempts) < 2 || advanced >= TimeSpan.FromMinutes(5), $"retried after {advanced} of the injected clock");
            clock.Advance(TimeSpan.FromSeconds(30));
            advanced += TimeSpan.FromSeconds(30);
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, attempts);
        // At least the shortest backoff; more when the loop advanced the clock before the backoff's timer was set.
        Assert.True(advanced >= TimeSpan.FromMinutes(5), $"retried after {advanced} of the injected clock");
        Assert.Equal(["a"], Assert.Single(sink.Replacements));
    }

    [Fact]
    public async Task A_resource_not_served_is_an_empty_synced_cache_said_once_and_found_when_its_crd_arrives()
    {
        // A CRD that is not installed: the list is 404 (ResourceNotServedException) twice, then the CRD exists. Looks
        // happen on the injected clock; the two absent looks say so in one log line, not one per look.
        var clock = new FakeTimeProvider();
        var logs = new CapturingLoggerFactory();
        var sink = new RecordingSink();
        var lists = 0;
        var watched = new List<string>();
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap, V1ConfigMapList>("hostrules",
            (_, _, _) => Interlocked.Increment(ref lists) <= 2
                ? Task.FromException<V1ConfigMapList>(new ResourceNotServedException("hostrules.ako.vmware.com/v1beta1"))
                : Task.FromResult(new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = "9" }, Items = [Map("rule")] }),
            (rv, _, _, ct) =>
            {
                watched.Add(rv);
                stop.Cancel();
                return Events(ct);
            },
            sink, new InformerOptions { AbsentResourceRecheck = TimeSpan.FromSeconds(30), Clock = clock }, logs.CreateLogger("Informer.hostrules"));

        var running = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([], Assert.Single(sink.Replacements));
        while (!running.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }
        await running;

        Assert.Equal(3, lists);
        Assert.Equal(["9"], watched);
        Assert.Equal([[], [], ["rule"]], sink.Replacements);
        var said = Assert.Single(logs.Information, line => line.Contains("hostrules.ako.vmware.com/v1beta1", StringComparison.Ordinal));
        Assert.Contains("is not installed", said);
        Assert.Empty(logs.Warnings);
        Assert.DoesNotContain(logs.Information, line => line.Contains("410", StringComparison.Ordinal));
    }

    private static InformerOptions Fast { get; } = new() { MinBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) };

    private static V1ConfigMap Map(string name, string rv = "1") => new() { Metadata = new V1ObjectMeta { Name = name, ResourceVersion = rv } };

    private static async IAsyncEnumerable<(WatchEventType, V1ConfigMap)> Events(
        [EnumeratorCancellation] CancellationToken cancellationToken, params (WatchEventType, V1ConfigMap)[] events)
    {
        foreach (var item in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask;
    }

    private sealed class RecordingSink : IInformerSink<V1ConfigMap>
    {
        public List<List<string>> Replacements { get; } = [];

        public List<string> Upserts { get; } = [];

        public void Replace(IReadOnlyCollection<V1ConfigMap> items) => Replacements.Add(items.Select(i => i.Metadata.Name).ToList());

        public void Upsert(V1ConfigMap item) => Upserts.Add(item.Metadata.Name);

        public void Delete(V1ConfigMap item)
        {
        }
    }
}
