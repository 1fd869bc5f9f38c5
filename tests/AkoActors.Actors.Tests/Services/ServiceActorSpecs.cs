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
public sealed class ServiceActorSpecs : ServiceOwnerSpecBase
{
    private static readonly ServiceKey Web = new("red", "web");

    [Fact]
    public void New_LoadBalancer_service_creates_vsvip_pool_policy_set_and_vs_in_dependency_order_then_sets_the_vip_as_status()
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];

        StartEntity();

        var status = KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);
        Assert.Equal([new LoadBalancerIngressStatus("172.16.251.1", null)], status.Ingress);
        AssertOrder(Avi.Writes.ToList(),
            ["POST vsvip/c1--red-web", "POST pool/c1--red-web-TCP-80"], ["POST l4policyset/c1--red-web"], ["POST virtualservice/c1--red-web"]);
        var pool = (PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec;
        Assert.Equal(["10.244.3.1:8080", "10.244.3.2:8080"], pool.Servers.Select(s => $"{s.Ip}:{s.Port}"));
        var synced = Assert.Single(Kube.Events, e => e.Event.Reason == "Synced");
        Assert.Equal("Added virtualservice c1--red-web for red/web", synced.Event.Message);
        Assert.Equal(KubeObjectRef.Service(Web, "uid-red-web"), synced.Target);
    }

    [Fact]
    public void Telling_an_unchanged_service_to_look_again_costs_no_avi_calls()
    {
        var entity = ConvergedWeb(podCount: 2);
        var writesBefore = Avi.WriteCount;
        var readsBefore = Avi.Reads.Count;

        for (var i = 0; i < 5; i++) entity.Tell(new ServiceProtocol.Reconcile(Web));
        // A status patch would be the only visible effect of a reconcile that found work; there is none.
        KubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal(writesBefore, Avi.WriteCount);
        Assert.Equal(readsBefore, Avi.Reads.Count);
    }

    [Fact]
    public void A_start_only_reconcile_does_nothing_to_a_running_owner_even_with_a_change_pending()
    {
        var entity = ConvergedWeb(podCount: 1);
        var writesBefore = Avi.WriteCount;

        // The router's safety net says only "be running": the owner is, so it does not look (a change's own notice will).
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web) { OnlyStart = true });
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writesBefore, Avi.WriteCount);

        entity.Tell(new ServiceProtocol.Reconcile(Web));
        Assert.Equal("PUT pool/c1--red-web-TCP-80", Writes.ExpectMsg<FakeAviController.Applied>().Operation.ToString());
    }

    [Fact]
    public void Endpoint_scale_up_writes_one_pool_put_and_nothing_else()
    {
        var entity = ConvergedWeb(podCount: 1);
        var writesBefore = Avi.WriteCount;

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(5))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        var applied = Writes.ExpectMsg<FakeAviController.Applied>();
        Assert.Equal("PUT pool/c1--red-web-TCP-80", applied.Operation.ToString());
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writesBefore + 1, Avi.WriteCount);
        Assert.Equal(5, ((PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count);
    }

    [Fact]
    public async Task A_hundred_endpoint_updates_during_one_slow_write_cost_at_most_two_pool_writes_and_end_at_the_newest_state()
    {
        var entity = ConvergedWeb(podCount: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Avi.BeforeApply = _ =>
        {
            held.TrySetResult();
            return release.Task;
        };
        var poolWritesBefore = Avi.WritesOf(AviObjectTypes.Pool).Count;

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var pods = 3; pods <= 102; pods++)
        {
            Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(pods))];
            entity.Tell(new ServiceProtocol.Reconcile(Web));
        }
        release.SetResult();

        AwaitAssert(() => Assert.Equal(102, ((PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count),
            TimeSpan.FromSeconds(5));
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        Assert.InRange(Avi.WritesOf(AviObjectTypes.Pool).Count - poolWritesBefore, 1, 2);
    }

    [Fact]
    public void A_transient_failure_is_retried_with_backoff_and_the_retry_applies_the_newest_desired_state()
    {
        var entity = ConvergedWeb(podCount: 1);
        var attempts = 0;
        Avi.BeforeApply = _ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // While the first attempt fails, the Service scales again: the retry must carry 4 pods, not 2.
                Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(4))];
                throw new AviApiException(new AviError(AviErrorKind.Transient, 503, "controller busy"), "PUT", "pool");
            }
            return Task.CompletedTask;
        };

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        var applied = Writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        var pool = (PoolSpec)((UpdateOperation)applied.Operation).Spec;
        Assert.Equal(4, pool.Servers.Count);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_timeout_counts_as_transient_and_the_change_still_lands()
    {
        var entity = ConvergedWeb(podCount: 1);
        var attempts = 0;
        Avi.BeforeApply = _ => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException(new AviApiException(AviErrorClassifier.Unreachable(new TaskCanceledException()), "PUT", "pool"))
            : Task.CompletedTask;

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        Writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        Assert.Equal(3, ((PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers.Count);
    }

    [Fact]
    public void A_stale_write_rereads_that_object_and_tries_again()
    {
        var entity = ConvergedWeb(podCount: 1);
        var readsBefore = Avi.Reads.Count;
        var attempts = 0;
        Avi.BeforeApply = op => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.Stale, 412, "Need to reload object data Pool"), "PUT", "pool"))
            : Task.CompletedTask;

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        Writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        var reread = Avi.Reads.Skip(readsBefore).Single();
        Assert.Equal([new AviRef(AviObjectTypes.Pool, "c1--red-web-TCP-80")], reread);
    }

    [Fact]
    public void A_name_owned_by_someone_else_is_reported_and_not_retried_until_the_service_changes()
    {
        Avi.Seed(new VirtualServiceSpec("c1--red-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null, "x", "y",
            new AviPlacement("Default-Cloud", "global", "Default-Group"), new AviObjectMeta("someone-else", EquatableArray<AviMarker>.Empty, null)));
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];

        var entity = StartEntity();

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("did not create", warning.Event.Message);
        Assert.Contains("c1--red-web", warning.Event.Message);
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        var writes = Avi.WriteCount;
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writes, Avi.WriteCount);
        Assert.Equal("someone-else", Avi.Get(AviObjectTypes.VirtualService, "c1--red-web")!.Spec.Meta.CreatedBy);
    }

    [Fact]
    public void A_referenced_object_of_a_type_no_codec_reads_is_one_warning_and_the_tree_still_converges()
    {
        // An AKO-made VS with a datascript that looks up a string group: the owner reads the datascript, never the
        // string group (no codec), warns once, and converges: the VS drops the datascript, which is then deleted.
        var owned = new AviObjectMeta("ako-c1", new[] { AviMarker.Of(AviMarker.ClusterNameKey, "c1") }.ToEquatableArray(), null);
        Avi.Seed(new VsDataScriptSetSpec("c1--red-web", new[] { new DataScript("VS_DATASCRIPT_EVT_HTTP_REQ", "-- lookup") }.ToEquatableArray(),
            EquatableArray<string>.Empty, owned) { Lookups = new[] { new AviRef(AviObjectTypes.StringGroup, "c1--hosts") }.ToEquatableArray() });
        Avi.Seed(new VirtualServiceSpec("c1--red-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null, "x", "y",
            new AviPlacement("Default-Cloud", "global", "Default-Group"), owned) { DataScriptSets = new[] { "c1--red-web" }.ToEquatableArray() });
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];

        StartEntity();

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("UnsupportedAviObject", warning.Event.Reason);
        Assert.Contains("stringgroup 'c1--hosts'", warning.Event.Message, StringComparison.Ordinal);
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        AwaitCondition(() => Avi.Get(AviObjectTypes.VsDataScriptSet, "c1--red-web") is null, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(Avi.Reads.SelectMany(r => r), r => r.Type == AviObjectTypes.StringGroup);
        Assert.Empty(((VirtualServiceSpec)Avi.Get(AviObjectTypes.VirtualService, "c1--red-web")!.Spec).DataScriptSets);
        Assert.Single(Kube.Events, e => e.Event.Reason == "UnsupportedAviObject");
    }

    [Fact]
    public void No_free_ips_warns_on_the_service_and_retries_until_an_address_frees_up()
    {
        var failVip = true;
        Avi.BeforeApply = op => op.Target.Type == AviObjectTypes.VsVip && Volatile.Read(ref failVip)
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.NoFreeIps, 400, "No available free IPs in network alb-vip"), "POST", "vsvip"))
            : Task.CompletedTask;
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");

        StartEntity();

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("NoFreeIPs", warning.Event.Reason);
        Volatile.Write(ref failVip, false);
        var status = KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Single(status.Ingress);
    }

    [Fact]
    public void Unsupported_protocol_is_refused_with_a_warning_and_nothing_is_written()
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", (80, "SCTP"));

        StartEntity();

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning);
        Assert.Equal("UnsupportedProtocol", warning.Event.Reason);
        Assert.Contains("SCTP", warning.Event.Message);
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, Avi.WriteCount);
    }

    [Fact]
    public void A_failed_read_deletes_nothing_and_the_entity_reads_again()
    {
        var entity = ConvergedWeb(podCount: 1);
        Cluster.Services.TryRemove(Web, out _);
        var failReads = true;
        Avi.BeforeRead = _ => Volatile.Read(ref failReads)
            ? Task.FromException(new AviApiException(new AviError(AviErrorKind.Transient, 502, "bad gateway"), "GET", "vsvip"))
            : Task.CompletedTask;

        entity.Tell(new ServiceProtocol.Resync(Web));
        AwaitCondition(() => Avi.Reads.Count >= 3, TimeSpan.FromSeconds(5));
        Assert.Equal(0, Avi.WritesOf(AviObjectTypes.VirtualService).Count(w => w is DeleteOperation));

        Volatile.Write(ref failReads, false);
        AwaitCondition(() => Avi.All().Count == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Deleting_the_service_removes_its_tree_referrers_first_and_the_entity_passivates()
    {
        var entity = ConvergedWeb(podCount: 2);
        var writesBefore = Avi.WriteCount;

        Cluster.Services.TryRemove(Web, out _);
        Cluster.Slices.TryRemove(Web, out _);
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        ParentProbe.FishForMessage<Passivate>(_ => true, TimeSpan.FromSeconds(5));
        AssertOrder(Avi.Writes.Skip(writesBefore).ToList(),
            ["DELETE virtualservice/c1--red-web"], ["DELETE l4policyset/c1--red-web", "DELETE vsvip/c1--red-web"], ["DELETE pool/c1--red-web-TCP-80"]);
        Assert.Empty(Avi.All());
        KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "Removed");
    }

    [Fact]
    public void A_port_removed_while_the_controller_was_away_is_found_through_the_policy_set_and_deleted()
    {
        var entity = ConvergedWeb(podCount: 1, ports: [(80, "TCP"), (443, "TCP")]);
        entity.Tell(ServiceProtocol.Stop.Instance);
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true);

        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", (80, "TCP"));
        StartEntity("web-again");

        AwaitCondition(() => Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-443") is null, TimeSpan.FromSeconds(5));
        Assert.NotNull(Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80"));
    }

    [Fact]
    public async Task A_handoff_stop_during_a_write_waits_for_the_write_to_finish_before_the_entity_stops()
    {
        var entity = ConvergedWeb(podCount: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Avi.BeforeApply = _ =>
        {
            held.TrySetResult();
            return release.Task;
        };

        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(5));
        entity.Tell(ServiceProtocol.Stop.Instance);
        ParentProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        release.SetResult();
        Writes.ExpectMsg<FakeAviController.Applied>();
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true);
    }

    [Fact]
    public void Nothing_is_done_before_the_informers_have_listed_everything()
    {
        Cluster.IsSynced = false;
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");

        StartEntity();
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Empty(Avi.Reads);

        Cluster.IsSynced = true;
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
    }

    private IActorRef ConvergedWeb(int podCount, (int Port, string Protocol)[]? ports = null)
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web", ports ?? [(80, "TCP")]);
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(podCount))];
        var entity = StartEntity();
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        return entity;
    }

    private IActorRef StartEntity(string name = "web")
    {
        var props = ServiceActor.PropsFor(Web.EntityId, Avi, Cluster, Kube, Runtime, new ControllerMetrics(), FastRetries);
        var parent = Sys.ActorOf(Props.Create(() => new ParentProxy(props, name, ParentProbe.Ref)));
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
