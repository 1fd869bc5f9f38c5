using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Event;
using AkoActors.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;
using static AkoActors.EndToEnd.Tests.BadInput.CorpusObjects;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>Issue 10 point 7: every input the controller cannot serve as asked is a Warning event naming the object, the
/// problem and the fix (a garbage AviInfraSetting: Rejected, and Accepted once corrected, issue 14); nothing of it reaches (or stays on) the Avi controller; the controller neither crashes nor
/// restarts anything; and a healthy Service and Ingress created beside each batch still converge in normal time. One
/// controller over KubeSim + AviSim takes the whole corpus, in batches, through KubernetesClient.</summary>
public sealed class BadInputCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BatchSize = 50;

    /// <summary>A Service and an Ingress beside a batch converge within this (they take tens of milliseconds on an idle
    /// machine; the bound is generous because CI is a loaded 2-core machine, not because the controller is slow).</summary>
    private static readonly TimeSpan NormalTime = TimeSpan.FromSeconds(15);

    private readonly TestCertificates _certificates = new();
    private ControllerWorld _world = null!;
    private ErrorLogView _errors = null!;

    public async Task InitializeAsync()
    {
        // AKO's AviInfraSetting CRD, as the chart installs it, so garbage settings reach the controller.
        _world = await ControllerWorld.StartWithAkoCrdAsync("ako.vmware.com_aviinfrasettings.yaml");
        _errors = ErrorLogView.Attach(_world.Replicas[0].System);
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public void The_corpus_has_at_least_200_cases_covering_every_kind_of_input()
    {
        var cases = BadInputCorpus.All(_certificates, DateTimeOffset.UtcNow);
        Assert.True(cases.Count >= 200, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        foreach (var kind in new[] { "Service", "Ingress", "Node", "ConfigMap", "AviInfraSetting" }) Assert.Contains(cases, c => c.Target.Kind == kind);
        Assert.Contains(cases, c => c.Objects.OfType<V1Secret>().Any());
        Assert.Contains(cases, c => c.Objects.OfType<V1IngressClass>().Any());
        Assert.All(cases, c => Assert.True(c.Mentions.Count >= 2, c.Id));
    }

    /// <summary>The one garbage AviInfraSetting the controller never sees: the CRD's enum makes the API server refuse it,
    /// with kube-apiserver's wording, so kubectl shows the fix at apply time.</summary>
    [Fact]
    public async Task A_shard_size_outside_the_crds_enum_is_refused_by_the_api_server_and_nothing_is_stored()
    {
        var refused = await _world.Kubectl.RunWithInputAsync(
            """{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"huge"},"spec":{"l7Settings":{"shardSize":"HUGE"}}}""",
            "apply", "-f", "-");

        Assert.False(refused.Succeeded, refused.ToString());
        Assert.Contains("spec.l7Settings.shardSize: Unsupported value: \"HUGE\": supported values: \"SMALL\", \"MEDIUM\", \"LARGE\", \"DEDICATED\"",
            refused.StandardError, StringComparison.Ordinal);
        var get = await _world.Kubectl.RunAsync("get", "aviinfrasetting", "huge");
        Assert.Contains("""aviinfrasettings.ako.vmware.com "huge" not found""", get.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_input_is_a_warning_naming_object_problem_and_fix_and_harms_nothing_beside_it()
    {
        var cases = BadInputCorpus.All(_certificates, DateTimeOffset.UtcNow);
        var objectCases = cases.Where(c => c.Target.Kind != "ConfigMap").ToList();
        var batches = objectCases.Chunk(BatchSize).ToList();
        // A Service and an Ingress that live through the whole run: their addresses never change.
        await CreateHealthyAsync("healthy-base");
        var baseService = new EventTarget("Service", "healthy-base", "lb");
        var baseIngress = new EventTarget("Ingress", "healthy-base", "site");
        var baseAddresses = await Eventually.GetAsync(async () =>
            await AddressOfAsync(baseService) is { } service && await AddressOfAsync(baseIngress) is { } ingress ? new[] { service, ingress } : null,
            "the long-lived Service and Ingress to converge", NormalTime);
        var converge = new List<TimeSpan>();
        for (var b = 0; b < batches.Count; b++)
        {
            converge.Add(await RunBatchAsync(b, batches[b]));
        }
        foreach (var configCase in cases.Where(c => c.Target.Kind == "ConfigMap"))
        {
            await RunConfigMapCaseAsync(configCase);
        }
        await EachConfigMapProblemWasOneEventAsync(cases.Where(c => c.Target.Kind == "ConfigMap").ToList());

        var finalAddresses = new[] { await AddressOfAsync(baseService) ?? "none", await AddressOfAsync(baseIngress) ?? "none" };
        Assert.True(baseAddresses.SequenceEqual(finalAddresses), $"the long-lived addresses changed: {string.Join(", ", baseAddresses)} → {string.Join(", ", finalAddresses)}");
        var replica = _world.Replicas[0];
        Assert.True(replica.IsUp && replica.Runtime.IsReady, "the controller is still up and ready");
        Assert.True(_errors.Entries.Count == 0, "errors logged: " + string.Join(Environment.NewLine, _errors.Entries));
        output.WriteLine($"{cases.Count} cases in {batches.Count} batches + {cases.Count - objectCases.Count} ConfigMap changes; " +
                         $"healthy Service+Ingress beside each batch converged in {string.Join(", ", converge.Select(t => $"{t.TotalSeconds:0.00} s"))}");
    }

    private async Task<TimeSpan> RunBatchAsync(int batch, IReadOnlyList<BadInputCase> cases)
    {
        var before = AviNames();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (c, ct) =>
        {
            foreach (var obj in c.Objects) await CreateAsync(obj, ct);
        });

        // A healthy Service and Ingress beside the batch, created while the controller is busy with it.
        var healthyNs = $"healthy-{batch}";
        var clock = Stopwatch.StartNew();
        await CreateHealthyAsync(healthyNs);
        await Eventually.HoldsAsync(async () => await AddressOfAsync(new EventTarget("Service", healthyNs, "lb")) is not null &&
                                                await AddressOfAsync(new EventTarget("Ingress", healthyNs, "site")) is not null,
            $"the healthy Service and Ingress of batch {batch} to converge", NormalTime);
        var healthy = clock.Elapsed;

        var warnings = await WarningsForAsync(cases);
        var unclear = cases
            .Select(c => (Case: c, Messages: warnings[c].Select(e => e.Message ?? string.Empty).ToList()))
            .Where(x => !x.Messages.Any(m => x.Case.Mentions.All(t => m.Contains(t, StringComparison.Ordinal))))
            .Select(x => $"{x.Case.Id}: no {x.Case.Reason} Warning on {x.Case.Target} mentions all of [{string.Join(" | ", x.Case.Mentions)}]; got: {string.Join(" || ", x.Messages)}")
            .ToList();
        Assert.True(unclear.Count == 0, string.Join("\n", unclear));
        await Task.WhenAll(cases.Where(c => c.ServedStatusOn is not null).Select(c =>
            Eventually.HoldsAsync(async () => await AddressOfAsync(c.ServedStatusOn!) is not null, $"{c.Id}: an address on {c.ServedStatusOn}", NormalTime)));

        var state = _world.Avi.Simulator.DumpState().ToJsonString();
        foreach (var c in cases)
        {
            foreach (var text in c.NeverOnAvi) Assert.False(state.Contains(text, StringComparison.Ordinal), $"{c.Id}: '{text}' reached the Avi controller");
        }

        // A Rejected AviInfraSetting corrected in place is Accepted.
        await Task.WhenAll(cases.Where(c => c.Fixed is not null).Select(c => FixAsync(c.Id, c.Fixed!)));

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (c, ct) =>
        {
            foreach (var obj in c.Objects.Reverse()) await DeleteAsync(obj, ct);
        });
        await Eventually.HoldsAsync(() =>
        {
            var now = _world.Avi.Simulator.DumpState().ToJsonString();
            return Task.FromResult(cases.All(c => c.NeverOnAvi.Concat(c.GoneAfterDelete).All(t => !now.Contains(t, StringComparison.Ordinal))));
        }, $"nothing of batch {batch} left on the Avi controller", TimeSpan.FromSeconds(30));
        var after = AviNames().Where(n => !n.Contains(healthyNs, StringComparison.Ordinal)).ToHashSet();
        Assert.True(before.SetEquals(after), $"batch {batch} changed the controller's objects: added [{string.Join(", ", after.Except(before))}], removed [{string.Join(", ", before.Except(after))}]");
        Assert.True(_world.Replicas[0].Runtime.IsReady, $"the controller is ready after batch {batch}");
        return healthy;
    }

    private async Task FixAsync(string id, AviInfraSettingObject setting)
    {
        var custom = _world.Client.CustomObjects;
        var current = (JsonElement)await custom.GetClusterCustomObjectAsync(AviInfraSettingObject.Group, AviInfraSettingObject.Version, AviInfraSettingObject.Plural, setting.Metadata.Name);
        var resourceVersion = current.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        await custom.ReplaceClusterCustomObjectAsync(setting.Body(resourceVersion), AviInfraSettingObject.Group, AviInfraSettingObject.Version,
            AviInfraSettingObject.Plural, setting.Metadata.Name);
        await Eventually.HoldsAsync(async () =>
        {
            var now = (JsonElement)await custom.GetClusterCustomObjectAsync(AviInfraSettingObject.Group, AviInfraSettingObject.Version, AviInfraSettingObject.Plural, setting.Metadata.Name);
            return now.TryGetProperty("status", out var status) && status.TryGetProperty("status", out var value) && value.GetString() == "Accepted";
        }, $"{id}: AviInfraSetting {setting.Metadata.Name} Accepted once corrected", NormalTime);
    }

    private async Task CreateHealthyAsync(string ns)
    {
        await CreateAsync(Namespace(ns), default);
        await CreateAsync(Web(ns), default);
        await CreateAsync(LoadBalancer(ns, "lb", (80, "TCP")), default);
        await CreateAsync(Ingress(ns, "site", [Rule($"{ns}.{DnsDomain}", Path())]), default);
    }

    private async Task RunConfigMapCaseAsync(BadInputCase c)
    {
        var bad = c.Objects.OfType<V1ConfigMap>().Single();
        await ReplaceConfigMapAsync(bad.Data);
        await Eventually.HoldsAsync(async () =>
        {
            var events = await EventsAsync(c.Target);
            return events.Any(e => e.Reason == c.Reason && c.Mentions.All(x => (e.Message ?? string.Empty).Contains(x, StringComparison.Ordinal)));
        }, $"{c.Id}: a {c.Reason} Warning on {c.Target} mentioning [{string.Join(" | ", c.Mentions)}]", TimeSpan.FromSeconds(20));
        await ReplaceConfigMapAsync(new Dictionary<string, string> { ["logLevel"] = "WARN", ["enableEvents"] = "true", ["deleteConfig"] = "false" });
    }

    /// <summary>One event per bad value, however long it stayed and however many changes came after.</summary>
    private async Task EachConfigMapProblemWasOneEventAsync(IReadOnlyList<BadInputCase> cases)
    {
        var events = await EventsAsync(cases[0].Target);
        foreach (var c in cases)
        {
            var matching = events.Where(e => e.Reason == c.Reason && c.Mentions.All(x => (e.Message ?? string.Empty).Contains(x, StringComparison.Ordinal))).ToList();
            Assert.True(matching.Count == 1 && (matching[0].Count ?? 1) == 1, $"{c.Id}: {matching.Count} events (counts {string.Join(",", matching.Select(m => m.Count))})");
        }
    }

    private async Task ReplaceConfigMapAsync(IDictionary<string, string> data)
    {
        var body = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = BadInputCorpus.ConfigMapName, NamespaceProperty = BadInputCorpus.ConfigMapNamespace },
            Data = data,
        };
        try
        {
            var existing = await _world.Client.CoreV1.ReadNamespacedConfigMapAsync(BadInputCorpus.ConfigMapName, BadInputCorpus.ConfigMapNamespace);
            body.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await _world.Client.CoreV1.ReplaceNamespacedConfigMapAsync(body, BadInputCorpus.ConfigMapName, BadInputCorpus.ConfigMapNamespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await _world.Client.CoreV1.CreateNamespacedConfigMapAsync(body, BadInputCorpus.ConfigMapNamespace);
        }
    }

    /// <summary>Waits until every case has its Warning (reason and target), then returns them by case.</summary>
    private async Task<Dictionary<BadInputCase, List<Corev1Event>>> WarningsForAsync(IReadOnlyList<BadInputCase> cases)
    {
        Dictionary<BadInputCase, List<Corev1Event>> found = [];
        List<BadInputCase> missing = [];
        try
        {
            return await Eventually.GetAsync(async () =>
            {
                var events = (await _world.Client.CoreV1.ListEventForAllNamespacesAsync()).Items.Where(e => e.Type == "Warning").ToList();
                found = cases.ToDictionary(c => c, c => events.Where(e => e.Reason == c.Reason && Is(e, c.Target)).ToList());
                missing = cases.Where(c => found[c].Count == 0).ToList();
                return missing.Count == 0 ? found : null;
            }, "a Warning for every case", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException)
        {
            var events = (await _world.Client.CoreV1.ListEventForAllNamespacesAsync()).Items;
            Assert.Fail($"no Warning for {string.Join(", ", missing.Select(c => $"{c.Id} ({c.Reason} on {c.Target})"))}; their events: " +
                        string.Join(" || ", missing.SelectMany(c => events.Where(e => Is(e, c.Target)).Select(e => $"{c.Id}: {e.Type} {e.Reason}: {e.Message}"))));
            throw;
        }
    }

    private async Task<List<Corev1Event>> EventsAsync(EventTarget target) =>
        (await _world.Client.CoreV1.ListNamespacedEventAsync(target.EventNamespace)).Items.Where(e => e.Type == "Warning" && Is(e, target)).ToList();

    private static bool Is(Corev1Event e, EventTarget target) =>
        e.InvolvedObject.Kind == target.Kind && e.InvolvedObject.Name == target.Name && e.InvolvedObject.NamespaceProperty == target.Namespace;

    private async Task<string?> AddressOfAsync(EventTarget target)
    {
        var ingress = target.Kind == "Service"
            ? (await _world.Client.CoreV1.ReadNamespacedServiceStatusAsync(target.Name, target.Namespace)).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip
            : (await _world.Client.NetworkingV1.ReadNamespacedIngressStatusAsync(target.Name, target.Namespace)).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip;
        return string.IsNullOrEmpty(ingress) ? null : ingress;
    }

    private HashSet<string> AviNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, list) in _world.Avi.Simulator.DumpState())
        {
            foreach (var item in list!.AsArray()) names.Add($"{type}/{item?["name"]?.GetValue<string>()}");
        }
        return names;
    }

    private async Task CreateAsync(IKubernetesObject obj, CancellationToken ct)
    {
        var core = _world.Client.CoreV1;
        switch (obj)
        {
            case V1Namespace ns: await core.CreateNamespaceAsync(ns, cancellationToken: ct); break;
            case V1Service svc: await core.CreateNamespacedServiceAsync(svc, svc.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case V1Secret secret: await core.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case V1Node node: await core.CreateNodeAsync(node, cancellationToken: ct); break;
            case V1IngressClass ingressClass: await _world.Client.NetworkingV1.CreateIngressClassAsync(ingressClass, cancellationToken: ct); break;
            case V1Ingress ingress: await _world.Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ingress.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case AviInfraSettingObject setting:
                await _world.Client.CustomObjects.CreateClusterCustomObjectAsync(setting.Body(), AviInfraSettingObject.Group, AviInfraSettingObject.Version,
                    AviInfraSettingObject.Plural, cancellationToken: ct);
                break;
            default: throw new NotSupportedException(obj.GetType().Name);
        }
    }

    private async Task DeleteAsync(IKubernetesObject obj, CancellationToken ct)
    {
        var core = _world.Client.CoreV1;
        switch (obj)
        {
            // The namespace goes last; deleting its objects one by one first keeps the test independent of namespace cleanup.
            case V1Namespace ns: await core.DeleteNamespaceAsync(ns.Metadata.Name, cancellationToken: ct); break;
            case V1Service svc: await core.DeleteNamespacedServiceAsync(svc.Metadata.Name, svc.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case V1Secret secret: await core.DeleteNamespacedSecretAsync(secret.Metadata.Name, secret.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case V1Node node: await core.DeleteNodeAsync(node.Metadata.Name, cancellationToken: ct); break;
            case V1IngressClass ingressClass: await _world.Client.NetworkingV1.DeleteIngressClassAsync(ingressClass.Metadata.Name, cancellationToken: ct); break;
            case V1Ingress ingress: await _world.Client.NetworkingV1.DeleteNamespacedIngressAsync(ingress.Metadata.Name, ingress.Metadata.NamespaceProperty, cancellationToken: ct); break;
            case AviInfraSettingObject setting:
                await _world.Client.CustomObjects.DeleteClusterCustomObjectAsync(AviInfraSettingObject.Group, AviInfraSettingObject.Version, AviInfraSettingObject.Plural,
                    setting.Metadata.Name, cancellationToken: ct);
                break;
            default: throw new NotSupportedException(obj.GetType().Name);
        }
    }

    /// <summary>Every Error Akka logs in the replica (an actor that throws is logged as one before its supervisor acts).</summary>
    private sealed class ErrorLog : ReceiveActor
    {
        public ErrorLog(ConcurrentQueue<string> entries) =>
            Receive<Error>(e => entries.Enqueue($"{e.LogSource}: {e.Message} {e.Cause?.GetType().Name}"));
    }

    private sealed record ErrorLogView(ConcurrentQueue<string> Entries)
    {
        public static ErrorLogView Attach(ActorSystem system)
        {
            var entries = new ConcurrentQueue<string>();
            var actor = system.ActorOf(Props.Create(() => new ErrorLog(entries)), "bad-input-error-log");
            system.EventStream.Subscribe(actor, typeof(Error));
            return new ErrorLogView(entries);
        }
    }
}
