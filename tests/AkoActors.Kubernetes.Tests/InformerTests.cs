using System.Net;
using System.Runtime.CompilerServices;
using AkoActors.Kubernetes.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

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
