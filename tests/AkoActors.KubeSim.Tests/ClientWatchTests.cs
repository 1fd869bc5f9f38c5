using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Http;
using AkoActors.KubeSim.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>Watch semantics as the KubernetesClient package (the one AkoActors uses) experiences them over HTTPS.</summary>
public class ClientWatchTests
{
    private static V1ConfigMap ConfigMap(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["key"] = value },
    };

    [Fact]
    public async Task List_then_watch_delivers_added_modified_deleted_in_order_with_increasing_resource_versions()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var list = await sim.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, onError: onError, cancellationToken: token);

        var created = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", "1"), "default");
        created.Data["key"] = "2";
        var updated = await sim.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        await sim.Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");

        var seen = new List<(WatchEventType Type, V1ConfigMap Object)>();
        await foreach (var (type, item) in watch(null, cts.Token))
        {
            seen.Add((type, item));
            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.All(seen, e => Assert.Equal("a", e.Object.Metadata.Name));
        Assert.Equal(created.Metadata.ResourceVersion, seen[0].Object.Metadata.ResourceVersion);
        Assert.Equal(updated.Metadata.ResourceVersion, seen[1].Object.Metadata.ResourceVersion);
        Assert.Equal("2", seen[1].Object.Data["key"]);
        var versions = seen.Select(e => long.Parse(e.Object.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions.SequenceEqual(versions.Order()) && versions.Distinct().Count() == 3, $"resourceVersions must increase: {string.Join(",", versions)}");
        Assert.True(versions[0] > long.Parse(list.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_older_than_the_history_ends_with_410_Expired()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, HistorySize = 5 });
        for (var i = 0; i < 10; i++)
        {
            await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"c{i}", "x"), "default");
        }
        var errors = new List<Exception>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = 0;
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: "2", onError: onError, cancellationToken: token);
        await foreach (var _ in watch(errors.Add, cts.Token))
        {
            events++;
        }

        Assert.Equal(0, events);
        var error = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
        Assert.False(cts.IsCancellationRequested, "the server must end the stream after the ERROR event");
    }

    [Fact]
    public async Task The_history_window_is_exact_the_oldest_retained_version_replays_and_one_older_is_expired()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, HistorySize = 5 });
        for (var i = 0; i < 8; i++)
        {
            await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"c{i}", "x"), "default");
        }
        var newest = sim.Server.Store.ResourceVersion;
        var oldest = sim.Server.Store.OldestResumableVersion;

        var replay = (await sim.Http.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&resourceVersion={oldest}", UriKind.Relative)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => long.Parse((string)System.Text.Json.Nodes.JsonNode.Parse(line)!["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        using var tooOld = await sim.Http.GetAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&resourceVersion={oldest - 1}", UriKind.Relative));
        var error = System.Text.Json.Nodes.JsonNode.Parse(await tooOld.Content.ReadAsStringAsync())!;

        Assert.Equal(newest - 5, oldest);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => oldest + i), replay);
        Assert.Equal(200, (int)tooOld.StatusCode);
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
    }

    [Fact]
    public async Task Watch_from_a_retained_resource_version_replays_only_later_changes()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var first = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("first", "x"), "default");
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("second", "x"), "default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: first.Metadata.ResourceVersion, onError: onError, cancellationToken: token);

        await foreach (var (type, item) in watch(null, cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("second", item.Metadata.Name);
            break;
        }
    }

    [Fact]
    public async Task Watch_with_allowWatchBookmarks_receives_bookmarks_carrying_the_current_resource_version()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions
        {
            Workloads = WorkloadOptions.None,
            Watch = new WatchOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) },
        });
        var latest = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", "1"), "default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true, resourceVersion: latest.Metadata.ResourceVersion, onError: onError, cancellationToken: token);

        await foreach (var (type, item) in watch(null, cts.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, type);
            Assert.True(long.Parse(item.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(latest.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
            break;
        }
    }

    [Fact]
    public async Task Watch_without_allowWatchBookmarks_gets_no_bookmarks()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions
        {
            Workloads = WorkloadOptions.None,
            Watch = new WatchOptions { BookmarkInterval = TimeSpan.FromMilliseconds(50) },
        });
        var before = sim.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", "1"), "default");
        var types = new List<WatchEventType>();

        await foreach (var (type, _) in sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", timeoutSeconds: 1, resourceVersion: before))
        {
            types.Add(type);
        }

        Assert.Equal([WatchEventType.Added], types);
    }

    [Fact]
    public async Task Watch_with_timeoutSeconds_ends_cleanly_after_its_events()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var before = sim.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", "1"), "default");
        var errors = new List<Exception>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var started = DateTime.UtcNow;
        var events = 0;

        await foreach (var _ in sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", timeoutSeconds: 1, resourceVersion: before, onError: errors.Add, cancellationToken: guard.Token))
        {
            events++;
        }

        Assert.Equal(1, events);
        Assert.Empty(errors);
        Assert.False(guard.IsCancellationRequested, "the stream must end by itself after timeoutSeconds");
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Watch_with_timeoutSeconds_and_no_events_is_an_empty_complete_200_response()
    {
        // Real API servers answer an idle watch this way too; KubernetesClient reports it as an EndOfStreamException
        // (kubernetes-client/csharp#893), which informers must treat as a normal end.
        await using var sim = await SimulatorScope.StartAsync();
        var started = DateTime.UtcNow;
        var rv = sim.Server.Store.ResourceVersion;

        var (code, body) = await sim.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion={rv}");

        Assert.Equal(200, code);
        Assert.Null(body);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_the_current_objects_as_added()
    {
        await using var sim = await SimulatorScope.StartAsync();
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1Node)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNodeAsync(timeoutSeconds: 1, onError: onError, cancellationToken: token);
        var names = new List<string>();

        await foreach (var (type, node) in watch(null, CancellationToken.None))
        {
            Assert.Equal(WatchEventType.Added, type);
            names.Add(node.Metadata.Name);
        }

        Assert.Equal(["avi-master1", "avi-master2", "avi-master3", "avi-node1", "avi-node2", "avi-node3"], names);
    }

    [Fact]
    public async Task Label_selected_watch_sees_an_object_leave_the_selection_as_deleted()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var cm = ConfigMap("a", "1");
        cm.Metadata.Labels = new Dictionary<string, string> { ["team"] = "red" };
        var created = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Func<Action<Exception>?, CancellationToken, IAsyncEnumerable<(WatchEventType, V1ConfigMap)>> watch = (onError, token) => sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", labelSelector: "team=red", resourceVersion: created.Metadata.ResourceVersion, onError: onError, cancellationToken: token);

        var patch = new V1Patch("""{"metadata":{"labels":{"team":"blue"}}}""", V1Patch.PatchType.MergePatch);
        await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "a", "default");

        await foreach (var (type, item) in watch(null, cts.Token))
        {
            Assert.Equal(WatchEventType.Deleted, type);
            Assert.Equal("blue", item.Metadata.Labels["team"]);
            break;
        }
    }
}
