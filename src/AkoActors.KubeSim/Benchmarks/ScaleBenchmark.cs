using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Benchmarks;

/// <summary>
/// Measures what benchmarks of AkoActors will lean on: memory with many objects held, list latency, and watch fan-out
/// (many concurrent HTTP watches each receiving every event of a burst, in order, and how late). Run by hand:
/// <c>dotnet run -c Release --project src/AkoActors.KubeSim -- bench</c>.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>Runs the benchmark and returns a Markdown report.</summary>
    public static async Task<string> RunAsync(ScaleBenchmarkOptions options, TextWriter progress)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"KubeSim scale benchmark — {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}, {(options.Https ? "HTTPS" : "HTTP")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"parameters: objects={options.Objects}, watchers={options.Watchers}, changes={options.Changes}");
        report.AppendLine();

        await using var server = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0,
            UseHttps = options.Https,
            Profile = ClusterProfile.Seed,
            Workloads = WorkloadOptions.None,
            HistorySize = Math.Max(100_000, options.Changes * 2),
            Watch = new Http.WatchOptions { QueueCapacity = Math.Max(50_000, options.Changes * 2) },
            Registry = new RegistryOptions { RandomSeed = 1 },
        });
        using var http = Client(server, options.Watchers + 8);

        var baseline = Memory();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var load = Stopwatch.StartNew();
        Populate(server, options.Objects);
        load.Stop();
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var loaded = Memory();
        progress.WriteLine($"loaded {server.Store.Count} objects in {load.Elapsed.TotalSeconds:0.0}s");
        report.AppendLine("| measure | value |");
        report.AppendLine("|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| objects held | {server.Store.Count:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| in-process create rate | {options.Objects / load.Elapsed.TotalSeconds:N0} objects/s ({loadCpu.TotalMicroseconds / options.Objects:0} µs CPU per object, all threads) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| managed heap after full GC: empty → loaded | {baseline.Heap / 1e6:0} MB → {loaded.Heap / 1e6:0} MB ({(loaded.Heap - baseline.Heap) / (double)options.Objects:0} bytes/object) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| process working set: empty → loaded | {baseline.WorkingSet / 1e6:0} MB → {loaded.WorkingSet / 1e6:0} MB |");

        var list = Stopwatch.StartNew();
        var bytes = (await http.GetByteArrayAsync(new Uri("/api/v1/pods", UriKind.Relative))).Length;
        list.Stop();
        report.AppendLine(CultureInfo.InvariantCulture, $"| LIST all pods over HTTP ({options.Objects / 5:N0} items, {bytes / 1e6:0.0} MB) | {list.Elapsed.TotalMilliseconds:0} ms |");
        var paged = Stopwatch.StartNew();
        var pages = await ListPagedAsync(http, "/api/v1/pods?limit=500");
        paged.Stop();
        report.AppendLine(CultureInfo.InvariantCulture, $"| LIST all pods with limit=500 ({pages} pages) | {paged.Elapsed.TotalMilliseconds:0} ms |");

        var writes = Stopwatch.StartNew();
        var httpCreates = 2_000;
        await CreateOverHttpAsync(http, httpCreates, concurrency: 8);
        writes.Stop();
        report.AppendLine(CultureInfo.InvariantCulture, $"| HTTP creates, 8 concurrent clients | {httpCreates / writes.Elapsed.TotalSeconds:N0} /s |");
        progress.WriteLine("list and write measures done; starting watch fan-out");

        var fanOut = await FanOutAsync(server, http, options.Watchers, options.Changes, "burst", TimeSpan.Zero, progress);
        report.AppendLine(CultureInfo.InvariantCulture, $"| burst: {options.Changes:N0} changes written in | {fanOut.BurstMs:0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| watchers that got every event in order | {fanOut.Complete} / {options.Watchers} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| delivery delay (commit → line read by client) p50 / p99 / max | {fanOut.P50:0.0} / {fanOut.P99:0.0} / {fanOut.Max:0.0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| last event reached the last watcher after the burst started | {fanOut.DrainMs:0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| events delivered | {fanOut.Delivered:N0} |");
        var paced = await FanOutAsync(server, http, options.Watchers, 100, "paced", TimeSpan.FromMilliseconds(20), progress);
        report.AppendLine(CultureInfo.InvariantCulture, $"| isolated changes (100, one every 20 ms): delivery delay p50 / p99 / max | {paced.P50:0.0} / {paced.P99:0.0} / {paced.Max:0.0} ms ({paced.Complete} / {options.Watchers} watchers complete and in order) |");
        var after = Memory();
        report.AppendLine(CultureInfo.InvariantCulture, $"| managed heap after the burst (full GC) | {after.Heap / 1e6:0} MB |");
        return report.ToString();
    }

    private static HttpClient Client(KubeSimServer server, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        if (server.CaCertificatePem is { } pem)
        {
            var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate));
            };
        }
        var http = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return http;
    }

    private static void Populate(KubeSimServer server, int total)
    {
        var registry = server.Registry;
        var namespaces = server.Resource("v1", "Namespace");
        for (var n = 0; n < 20; n++)
        {
            registry.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"team-{n}" } });
        }
        var pods = server.Resource("v1", "Pod");
        var services = server.Resource("v1", "Service");
        var slices = server.Resource("discovery.k8s.io/v1", "EndpointSlice");
        var ingresses = server.Resource("networking.k8s.io/v1", "Ingress");
        var maps = server.Resource("v1", "ConfigMap");
        var preserve = new WriteOptions { PreserveStatus = true };
        var each = total / 5;
        for (var i = 0; i < each; i++)
        {
            var ns = $"team-{i % 20}";
            var app = $"app-{i}";
            var ip = $"10.244.{i / 250 % 250}.{i % 250 + 2}";
            registry.Create(pods, ns, JsonNode.Parse($$$"""
                {"metadata":{"name":"{{{app}}}-5d59d67564-x7kq2","labels":{"app":"{{{app}}}","pod-template-hash":"5d59d67564"}},
                 "spec":{"nodeName":"avi-node{{{i % 3 + 1}}}","containers":[{"name":"web","image":"nginxhellos/demo:1.0","ports":[{"name":"http","containerPort":8080}]}]},
                 "status":{"phase":"Running","podIP":"{{{ip}}}","hostIP":"172.16.250.2{{{i % 3 + 1}}}","conditions":[{"type":"Ready","status":"True"}]}}
                """)!.AsObject(), preserve);
            var type = i % 5 == 0 && i < 2_500 ? "LoadBalancer" : "ClusterIP";
            registry.Create(services, ns, JsonNode.Parse($$$"""
                {"metadata":{"name":"{{{app}}}","labels":{"app":"{{{app}}}"}},"spec":{"type":"{{{type}}}","selector":{"app":"{{{app}}}"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}
                """)!.AsObject());
            registry.Create(slices, ns, JsonNode.Parse($$$"""
                {"metadata":{"name":"{{{app}}}-abcde","labels":{"kubernetes.io/service-name":"{{{app}}}"}},"addressType":"IPv4",
                 "ports":[{"name":"http","port":8080,"protocol":"TCP"}],
                 "endpoints":[{"addresses":["{{{ip}}}"],"conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"avi-node{{{i % 3 + 1}}}"}]}
                """)!.AsObject());
            registry.Create(ingresses, ns, JsonNode.Parse($$$"""
                {"metadata":{"name":"{{{app}}}"},"spec":{"rules":[{"host":"{{{app}}}.{{{ns}}}.ako.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"{{{app}}}","port":{"number":80} } } } ] } } ] } }
                """)!.AsObject());
            registry.Create(maps, ns, JsonNode.Parse($$$"""{"metadata":{"name":"{{{app}}}-config"},"data":{"mode":"fast","replicas":"3"}}""")!.AsObject());
        }
    }

    private static async Task<int> ListPagedAsync(HttpClient http, string path)
    {
        var pages = 0;
        string? token = null;
        do
        {
            var url = token is null ? path : $"{path}&continue={Uri.EscapeDataString(token)}";
            var page = JsonNode.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative)))!;
            token = (string?)page["metadata"]!["continue"];
            pages++;
        }
        while (token is not null);
        return pages;
    }

    private static async Task CreateOverHttpAsync(HttpClient http, int count, int concurrency)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var content = new StringContent($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"http-{{{i}}}"},"data":{"k":"v"}}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri("/api/v1/namespaces/team-0/configmaps", UriKind.Relative), content);
                response.EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(workers);
    }

    private static async Task<FanOutResult> FanOutAsync(KubeSimServer server, HttpClient http, int watchers, int changes, string ns, TimeSpan pace, TextWriter progress)
    {
        var registry = server.Registry;
        var maps = server.Resource("v1", "ConfigMap");
        registry.Create(server.Resource("v1", "Namespace"), null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        var start = server.Store.ResourceVersion;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var probes = Enumerable.Range(0, watchers).Select(_ => new WatchProbe()).ToList();
        var connected = probes.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var running = probes.Select((p, i) => Task.Run(() => p.RunAsync(http, $"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={start}&timeoutSeconds=600", changes, connected[i], cancel.Token))).ToList();
        await Task.WhenAll(connected.Select(c => c.Task));
        while (server.Store.WatcherCount < watchers)
        {
            await Task.Delay(10, cancel.Token);
        }
        progress.WriteLine($"{watchers} watches open; writing {changes} changes in {ns}");

        var committed = new Dictionary<long, long>(changes);
        var burst = Stopwatch.StartNew();
        var burstStart = Stopwatch.GetTimestamp();
        var creates = changes / 2;
        for (var i = 0; i < changes; i++)
        {
            var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"c-{i % creates}" }, ["data"] = new JsonObject { ["round"] = (i / creates).ToString(CultureInfo.InvariantCulture) } };
            var written = i < creates ? registry.Create(maps, ns, body) : registry.Update(maps, ns, $"c-{i % creates}", body);
            committed[long.Parse((string)written["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture)] = Stopwatch.GetTimestamp();
            if (pace > TimeSpan.Zero)
            {
                // Pacing, not synchronisation: isolated changes measure delivery without a queue in front.
                await Task.Delay(pace, cancel.Token);
            }
        }
        burst.Stop();
        await Task.WhenAll(running);

        var expected = committed.Keys.Order().ToList();
        var delays = new List<double>(changes * watchers);
        var complete = 0;
        long last = 0;
        foreach (var probe in probes)
        {
            if (probe.Received.Select(r => r.Version).SequenceEqual(expected))
            {
                complete++;
            }
            foreach (var (version, at) in probe.Received)
            {
                if (committed.TryGetValue(version, out var commit))
                {
                    delays.Add(Math.Max(0, Stopwatch.GetElapsedTime(commit, at).TotalMilliseconds));
                }
                last = Math.Max(last, at);
            }
        }
        delays.Sort();
        double Percentile(double p) => delays.Count == 0 ? double.NaN : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(p * delays.Count) - 1)];
        return new FanOutResult(burst.Elapsed.TotalMilliseconds, complete, Percentile(0.5), Percentile(0.99), delays.Count == 0 ? double.NaN : delays[^1], Stopwatch.GetElapsedTime(burstStart, last).TotalMilliseconds, delays.Count);
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private sealed record FanOutResult(double BurstMs, int Complete, double P50, double P99, double Max, double DrainMs, int Delivered);
}
