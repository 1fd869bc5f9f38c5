using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Testing.Cluster;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Avi.Errors;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using Xunit;

namespace AkoActors.Actors.Tests.Services;

/// <summary>The L4 tree owner against a scripted controller: ordering, minimal calls, coalescing, and AKO's error handling.</summary>
public sealed class ServiceActorSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loglevel = INFO
        """);

    private static readonly ServiceKey Web = new("red", "web");

    private readonly InMemoryClusterState _cluster = new();
    private readonly FakeAviController _avi;
    private readonly RecordingKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly TestProbe _writes;
    private readonly TestProbe _kubeProbe;
    private readonly TestProbe _parent;

    public ServiceActorSpecs() : base(TestConfig)
    {
        _writes = CreateTestProbe();
        _kubeProbe = CreateTestProbe();
        _parent = CreateTestProbe();
        _avi = new FakeAviController(_writes);
        _kube = new RecordingKubernetesWriter(_kubeProbe, _cluster);
        _runtime = new ControllerRuntime(L4Objects.Settings, "test") { ClusterStateSynced = () => _cluster.IsSynced };
        _runtime.SetEnvironment(new[] { "ako.example.com" }.ToEquatableArray(), "ENTERPRISE");
    }

    private static RetryPolicy FastRetries { get; } = new()
    {
        MinBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        NoFreeIpsRetry = TimeSpan.FromMilliseconds(300),
        InvalidCredentialsRetry = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public void New_LoadBalancer_service_creates_vsvip_pool_policy_set_and_vs_in_dependency_order_then_sets_the_vip_as_status()
    {
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];

        StartEntity();

        var status = _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);
        Assert.Equal([new LoadBalancerIngressStatus("172.16.251.1", null)], status.Ingress);
        AssertOrder(_avi.Writes.ToList(),
            ["POST vsvip/c1--red-web", "POST pool/c1--red-web-TCP-80"], ["POST l4policyset/c1--red-web"], ["POST virtualservice/c1--red-web"]);
        var pool = (PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec;
        Assert.Equal(["10.244.3.1:8080", "10.244.3.2:8080"], pool.Servers.Select(s => $"{s.Ip}:{s.Port}"));
        var synced = Assert.Single(_kube.Events, e => e.Event.Reason == "Synced");
        Assert.Equal("Added virtualservice c1--red-web for red/web", synced.Event.Message);
        Assert.Equal(KubeObjectRef.Service(Web, "uid-red-web"), synced.Target);
    }

    [Fact]
    public void Telling_an_unchanged_service_to_look_again_costs_no_avi_calls()
    {
        var entity = ConvergedWeb(podCount: 2);
        var writesBefore = _avi.WriteCount;
        var readsBefore = _avi.Reads.Count;

        for (var i = 0; i < 5; i++) entity.Tell(new ServiceProtocol.Reconcile(Web));
        // A status patch would be the only visible effect of a reconcile that found work; there is none.
        _kubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal(writesBefore, _avi.WriteCount);
        Assert.Equal(readsBefore, _avi.Reads.Count);
    }

    [Fact]
    public void Endpoint_scale_up_writes_one_pool_put_and_nothing_else()
    {
        var entity = ConvergedWeb(podCount: 1);
        var writesBefore = _avi.WriteCount;

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(5))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        var applied = _writes.ExpectMsg<FakeAviController.Applied>();
        Assert.Equal("PUT pool/c1--red-web-TCP-80", applied.Operation.ToString());
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writesBefore + 1, _avi.WriteCount);
        Assert.Equal(5, ((PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count);
    }

    [Fact]
    public async Task A_hundred_endpoint_updates_during_one_slow_write_cost_at_most_two_pool_writes_and_end_at_the_newest_state()
    {
        var entity = ConvergedWeb(podCount: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _avi.BeforeApply = _ =>
        {
            held.TrySetResult();
            return release.Task;
        };
        var poolWritesBefore = _avi.WritesOf(AviObjectTypes.Pool).Count;

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var pods = 3; pods <= 102; pods++)
        {
            _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(pods))];
            entity.Tell(new ServiceProtocol.Reconcile(Web));
        }
        release.SetResult();

        AwaitAssert(() => Assert.Equal(102, ((PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count),
            TimeSpan.FromSeconds(5));
        _writes.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        Assert.InRange(_avi.WritesOf(AviObjectTypes.Pool).Count - poolWritesBefore, 1, 2);
    }

    [Fact]
    public void A_transient_failure_is_retried_with_backoff_and_the_retry_applies_the_newest_desired_state()
    {
        var entity = ConvergedWeb(podCount: 1);
        var attempts = 0;
        _avi.BeforeApply = _ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // While the first attempt fails, the Service scales again: the retry must carry 4 pods, not 2.
                _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(4))];
                throw new AviApiException(new AviError(AviErrorKind.Transient, 503, "controller busy"), "PUT", "pool");
            }
            return Task.CompletedTask;
        };

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        var applied = _writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        var pool = (PoolSpec)((UpdateOperation)applied.Operation).Spec;
        Assert.Equal(4, pool.Servers.Count);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_timeout_counts_as_transient_and_the_change_still_lands()
    {
        var entity = ConvergedWeb(podCount: 1);
        var attempts = 0;
        _avi.BeforeApply = _ => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException(new AviApiException(AviErrorClassifier.Unreachable(new TaskCanceledException()), "PUT", "pool"))
            : Task.CompletedTask;

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        _writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        Assert.Equal(3, ((PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count);
    }

    [Fact]
    public void A_stale_write_rereads_that_object_and_tries_again()
    {
        var entity = ConvergedWeb(podCount: 1);
        var readsBefore = _avi.Reads.Count;
        var attempts = 0;
        _avi.BeforeApply = op => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.Stale, 412, "Need to reload object data Pool"), "PUT", "pool"))
            : Task.CompletedTask;

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        _writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        var reread = _avi.Reads.Skip(readsBefore).Single();
        Assert.Equal([new AviRef(AviObjectTypes.Pool, "c1--red-web-TCP-80")], reread);
    }

    [Fact]
    public void A_name_owned_by_someone_else_is_reported_and_not_retried_until_the_service_changes()
    {
        _avi.Seed(new VirtualServiceSpec("c1--red-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null, "x", "y",
            new AviPlacement("Default-Cloud", "global", "Default-Group"), new AviObjectMeta("someone-else", EquatableArray<AviMarker>.Empty, null)));
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];

        var entity = StartEntity();

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("did not create", warning.Event.Message);
        Assert.Contains("c1--red-web", warning.Event.Message);
        _writes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        var writes = _avi.WriteCount;
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writes, _avi.WriteCount);
        Assert.Equal("someone-else", _avi.Get(AviObjectTypes.VirtualService, "c1--red-web")!.Spec.Meta.CreatedBy);
    }

    [Fact]
    public void A_referenced_object_of_a_type_no_codec_reads_is_one_warning_and_the_tree_still_converges()
    {
        // An AKO-made VS with a datascript that looks up a string group: the owner reads the datascript, never the
        // string group (no codec), warns once, and converges: the VS drops the datascript, which is then deleted.
        var owned = new AviObjectMeta("ako-c1", new[] { AviMarker.Of(AviMarker.ClusterNameKey, "c1") }.ToEquatableArray(), null);
        _avi.Seed(new VsDataScriptSetSpec("c1--red-web", new[] { new DataScript("VS_DATASCRIPT_EVT_HTTP_REQ", "-- lookup") }.ToEquatableArray(),
            EquatableArray<string>.Empty, owned) { Lookups = new[] { new AviRef(AviObjectTypes.StringGroup, "c1--hosts") }.ToEquatableArray() });
        _avi.Seed(new VirtualServiceSpec("c1--red-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null, "x", "y",
            new AviPlacement("Default-Cloud", "global", "Default-Group"), owned) { DataScriptSets = new[] { "c1--red-web" }.ToEquatableArray() });
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];

        StartEntity();

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("UnsupportedAviObject", warning.Event.Reason);
        Assert.Contains("stringgroup 'c1--hosts'", warning.Event.Message, StringComparison.Ordinal);
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        AwaitCondition(() => _avi.Get(AviObjectTypes.VsDataScriptSet, "c1--red-web") is null, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(_avi.Reads.SelectMany(r => r), r => r.Type == AviObjectTypes.StringGroup);
        Assert.Empty(((VirtualServiceSpec)_avi.Get(AviObjectTypes.VirtualService, "c1--red-web")!.Spec).DataScriptSets);
        Assert.Single(_kube.Events, e => e.Event.Reason == "UnsupportedAviObject");
    }

    [Fact]
    public void No_free_ips_warns_on_the_service_and_retries_until_an_address_frees_up()
    {
        var failVip = true;
        _avi.BeforeApply = op => op.Target.Type == AviObjectTypes.VsVip && Volatile.Read(ref failVip)
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.NoFreeIps, 400, "No available free IPs in network alb-vip"), "POST", "vsvip"))
            : Task.CompletedTask;
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");

        StartEntity();

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("NoFreeIPs", warning.Event.Reason);
        Volatile.Write(ref failVip, false);
        var status = _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Single(status.Ingress);
    }

    [Fact]
    public void Unsupported_protocol_is_refused_with_a_warning_and_nothing_is_written()
    {
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", (80, "SCTP"));

        StartEntity();

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("UnsupportedProtocol", warning.Event.Reason);
        Assert.Contains("SCTP", warning.Event.Message);
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, _avi.WriteCount);
    }

    [Fact]
    public void A_failed_read_deletes_nothing_and_the_entity_reads_again()
    {
        var entity = ConvergedWeb(podCount: 1);
        _cluster.Services.TryRemove(Web, out _);
        var failReads = true;
        _avi.BeforeRead = _ => Volatile.Read(ref failReads)
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.Transient, 502, "bad gateway"), "GET", "vsvip"))
            : Task.CompletedTask;

        entity.Tell(new ServiceProtocol.Resync(Web));
        AwaitCondition(() => _avi.Reads.Count >= 3, TimeSpan.FromSeconds(5));
        Assert.Equal(0, _avi.WritesOf(AviObjectTypes.VirtualService).Count(w => w is DeleteOperation));

        Volatile.Write(ref failReads, false);
        AwaitCondition(() => _avi.All().Count == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Deleting_the_service_removes_its_tree_referrers_first_and_the_entity_passivates()
    {
        var entity = ConvergedWeb(podCount: 2);
        var writesBefore = _avi.WriteCount;

        _cluster.Services.TryRemove(Web, out _);
        _cluster.Slices.TryRemove(Web, out _);
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        _parent.FishForMessage<Passivate>(_ => true, TimeSpan.FromSeconds(5));
        AssertOrder(_avi.Writes.Skip(writesBefore).ToList(),
            ["DELETE virtualservice/c1--red-web"], ["DELETE l4policyset/c1--red-web", "DELETE vsvip/c1--red-web"], ["DELETE pool/c1--red-web-TCP-80"]);
        Assert.Empty(_avi.All());
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "Removed");
    }

    [Fact]
    public void A_port_removed_while_the_controller_was_away_is_found_through_the_policy_set_and_deleted()
    {
        var entity = ConvergedWeb(podCount: 1, ports: [(80, "TCP"), (443, "TCP")]);
        entity.Tell(ServiceProtocol.Stop.Instance);
        _parent.FishForMessage<ParentProxy.EntityStopped>(_ => true);

        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", (80, "TCP"));
        StartEntity("web-again");

        AwaitCondition(() => _avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-443") is null, TimeSpan.FromSeconds(5));
        Assert.NotNull(_avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80"));
    }

    [Fact]
    public async Task A_handoff_stop_during_a_write_waits_for_the_write_to_finish_before_the_entity_stops()
    {
        var entity = ConvergedWeb(podCount: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _avi.BeforeApply = _ =>
        {
            held.TrySetResult();
            return release.Task;
        };

        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(5));
        entity.Tell(ServiceProtocol.Stop.Instance);
        _parent.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        release.SetResult();
        _writes.ExpectMsg<FakeAviController.Applied>();
        _parent.FishForMessage<ParentProxy.EntityStopped>(_ => true);
    }

    [Fact]
    public void Nothing_is_done_before_the_informers_have_listed_everything()
    {
        _cluster.IsSynced = false;
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");

        StartEntity();
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Empty(_avi.Reads);

        _cluster.IsSynced = true;
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
    }

    private IActorRef ConvergedWeb(int podCount, (int Port, string Protocol)[]? ports = null)
    {
        _cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", ports ?? [(80, "TCP")]);
        _cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(podCount))];
        var entity = StartEntity();
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        _writes.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        return entity;
    }

    private IActorRef StartEntity(string name = "web")
    {
        var props = ServiceActor.PropsFor(Web.EntityId, _avi, _cluster, _kube, _runtime, new ControllerMetrics(), FastRetries);
        var parent = Sys.ActorOf(Props.Create(() => new ParentProxy(props, name, _parent.Ref)));
        return parent;
    }

    /// <summary>Exactly these operations happened, each stage entirely after the one before (inside a stage they run concurrently).</summary>
    private static void AssertOrder(IReadOnlyList<AviOperation> operations, params string[][] stages)
    {
        var done = operations.Select(o => o.ToString()).ToList();
        Assert.Equal(stages.SelectMany(s => s).Order(), done.Order());
        for (var i = 1; i < stages.Length; i++)
        {
            var lastOfPrevious = stages[i - 1].Max(done.IndexOf);
            var firstOfThis = stages[i].Min(done.IndexOf);
            Assert.True(lastOfPrevious < firstOfThis, $"{string.Join(", ", stages[i])} ran before {string.Join(", ", stages[i - 1])} finished: {string.Join(" | ", done)}");
        }
    }
}
