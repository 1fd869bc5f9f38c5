using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Avi.Errors;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Routes;
using AkoActors.Domain.Settings;
using AkoActors.Testing.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Actors.Tests.Routes;

/// <summary>The VRF's single route writer together with real node-route owners (behind stand-in shard regions), against a
/// controller that enforces <c>_last_modified</c>: minimal writes, stable ids, foreign routes kept, 412s survived.</summary>
/// <remarks>On virtual time, with the production windows (<see cref="StaticRouteOptions.Default"/>, default retries): the
/// scheduler and the runtime's clock move only when a spec lets time pass, and after each step every message that step caused
/// has been handled, so a loaded machine can stretch no window and no count of PUTs depends on how fast reports arrive.</remarks>
public sealed class VrfActorSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loglevel = INFO
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        """);

    private static readonly VrfKey Global = new("admin", "global");

    private static readonly StaticRouteOptions Options = StaticRouteOptions.Default;

    /// <summary>How far virtual time moves between two looks; well below every window.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>For the stretches after convergence in which nothing may happen any more (no write, no read).</summary>
    private static readonly TimeSpan QuietStep = Options.Settle * 4;

    /// <summary>Read, settle, ask every node, hear them, settle again, write: three settles cover it.</summary>
    private static readonly TimeSpan FirstWrite = Options.Settle * 3;

    /// <summary>Only a guard against a hung actor: no spec waits for a window in real time.</summary>
    private static readonly TimeSpan Handled = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;
    private readonly InMemoryClusterState _cluster = new();
    private readonly FakeVrfController _avi;
    private readonly RecordingKubernetesWriter _kube;
    private readonly ControllerMetrics _metrics = new();
    private readonly TestProbe _writes;
    private readonly TestProbe _kubeProbe;
    private readonly TestProbe _flush;
    private readonly HashSet<string> _silentNodes = [];
    private ControllerRuntime _runtime = null!;
    private IActorRef _nodes = ActorRefs.Nobody;
    private IActorRef _vrfs = ActorRefs.Nobody;

    public VrfActorSpecs(ITestOutputHelper output) : base(TestConfig)
    {
        _output = output;
        _writes = CreateTestProbe();
        _kubeProbe = CreateTestProbe();
        _flush = CreateTestProbe();
        _avi = new FakeVrfController(_writes);
        _kube = new RecordingKubernetesWriter(_kubeProbe);
        foreach (var node in RouteObjects.Seed) _cluster.Nodes[node.Key] = node;
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void The_seed_nodes_become_six_routes_with_their_internal_ips_as_next_hops_in_one_put()
    {
        Start();
        Pass(FirstWrite);

        var written = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal(RouteObjects.SeedRoutes, written.Routes);
        Pass(Options.ReportWait + Options.Reask, QuietStep);
        Assert.Equal((1, 1), (_avi.Reads, _avi.Writes));
    }

    [Fact]
    public void A_new_owner_finding_everything_in_place_reads_once_and_writes_nothing()
    {
        _avi.Seed(RouteObjects.Cluster, RouteObjects.SeedRoutes.Select(Parse).ToArray());

        Start();
        Pass(FirstWrite);

        Assert.Equal(1, _metrics.ReconcileCount("vrf", "converged"));
        Pass(Options.ReportWait + Options.Reask, QuietStep);
        Assert.Equal((1, 0), (_avi.Reads, _avi.Writes));
    }

    [Fact]
    public void Adding_changing_and_deleting_a_node_each_touch_only_that_nodes_route()
    {
        Start();
        Pass(FirstWrite);
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);

        var node4 = RouteObjects.Node("avi-node4", "172.16.250.24", "10.244.6.0/24", 10);
        _cluster.Nodes[node4.Key] = node4;
        _nodes.Tell(new NodeRouteProtocol.Reconcile(node4.Key));
        Pass(Options.Settle * 2);
        var added = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal([.. RouteObjects.SeedRoutes, "avi-cluster-7: 10.244.6.0/24 via 172.16.250.24"], added.Routes);

        _cluster.Nodes[node4.Key] = RouteObjects.Node("avi-node4", "172.16.250.124", "10.244.6.0/24", 10);
        _nodes.Tell(new NodeRouteProtocol.Reconcile(node4.Key));
        Pass(Options.Settle * 2);
        var changed = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal([.. RouteObjects.SeedRoutes, "avi-cluster-7: 10.244.6.0/24 via 172.16.250.124"], changed.Routes);

        _cluster.Nodes.TryRemove(new NodeKey("avi-node2"), out _);
        _nodes.Tell(new NodeRouteProtocol.Reconcile(new NodeKey("avi-node2")));
        Pass(Options.Settle * 2);
        var deleted = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal(RouteObjects.SeedRoutes.Where(r => !r.Contains("avi-cluster-5", StringComparison.Ordinal))
            .Append("avi-cluster-7: 10.244.6.0/24 via 172.16.250.124"), deleted.Routes);
        Pass(Options.ReportWait + Options.Reask, QuietStep);
        Assert.Equal(4, _avi.Writes);
    }

    [Fact]
    public void A_foreign_writer_between_our_read_and_our_write_causes_a_412_and_both_sets_of_routes_survive()
    {
        _avi.BeforeWrite = attempt =>
        {
            // Someone edits the VRF on the controller after we read it and before our PUT lands.
            if (attempt == 1) _avi.WriteForeignRoute("ops-1", "192.168.50.0/24", "10.10.10.1");
            return Task.CompletedTask;
        };

        Start();
        Pass(FirstWrite);

        var written = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal(RouteObjects.SeedRoutes, written.Routes);
        Assert.Equal(["ops-1", .. Enumerable.Range(1, 6).Select(i => $"avi-cluster-{i}")], _avi.Routes.Select(r => r.RouteId));
        Assert.Equal((1, 1, 2), (_avi.StaleWrites, _avi.Writes, _avi.Reads));
    }

    [Fact]
    public void A_vrf_owner_whose_routes_a_newer_owner_wrote_is_fenced_by_the_412_and_writes_nothing_more()
    {
        Start();
        Pass(FirstWrite);
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        var ours = _avi.Routes.Where(r => r.IsOwnedBy(RouteObjects.Cluster)).ToList();
        Assert.All(ours, r => Assert.NotNull(r.Epoch));
        var epoch = ours.Max(r => r.Epoch)!.Value;

        // This owner's replica was paused and lost the VRF; its successor (a higher epoch) moved node 3's route.
        var successors = RouteObjects.SeedRoutes.Select(Parse)
            .Select(r => r.RouteId == "avi-cluster-6" ? r with { Route = r.Route with { NextHop = System.Net.IPAddress.Parse("172.16.250.99") } } : r)
            .ToArray();
        _avi.WriteAsOtherOwner(RouteObjects.Cluster, epoch + 1_000, successors);
        var afterSuccessor = _avi.RoutesOf(RouteObjects.Cluster);

        // The paused owner wakes with a change of its own: its PUT carries a stale _last_modified, the re-read shows the newer epoch.
        var node4 = RouteObjects.Node("avi-node4", "172.16.250.24", "10.244.6.0/24", 10);
        _cluster.Nodes[node4.Key] = node4;
        _nodes.Tell(new NodeRouteProtocol.Reconcile(node4.Key));
        Pass(Options.Settle * 2);
        Assert.Equal(1, _metrics.ReconcileCount("vrf", "superseded"));
        _vrfs.Tell(new VrfProtocol.Resync(Global));
        Pass(Options.ReportWait + Options.Reask, QuietStep);

        Assert.Equal((1, 1), (_avi.Writes, _avi.StaleWrites));
        Assert.Equal(afterSuccessor, _avi.RoutesOf(RouteObjects.Cluster));
        Assert.All(_avi.Routes.Where(r => r.IsOwnedBy(RouteObjects.Cluster)), r => Assert.Equal(epoch + 1_000, r.Epoch));
    }

    [Fact]
    public void Two_hundred_nodes_joining_at_once_cost_one_put()
    {
        Start();
        Pass(FirstWrite);
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);

        var workers = Enumerable.Range(0, 200).Select(RouteObjects.Worker).ToList();
        foreach (var worker in workers) _cluster.Nodes[worker.Key] = worker;
        foreach (var worker in workers) _nodes.Tell(new NodeRouteProtocol.Reconcile(worker.Key));
        Pass(Options.Settle * 2);

        Assert.Equal(206, _avi.RoutesOf(RouteObjects.Cluster).Count);
        Pass(Options.ReportWait + Options.Reask, QuietStep);
        _output.WriteLine($"200 nodes joining: {_avi.Writes - 1} PUT(s), {_avi.Reads} read(s) in total");
        Assert.Equal(2, _avi.Writes);
        Assert.Equal(RouteObjects.SeedRoutes, _avi.RoutesOf(RouteObjects.Cluster).Take(6));
        Assert.Equal(206, _avi.RoutesOf(RouteObjects.Cluster).Distinct().Count());
    }

    [Fact]
    public void Two_hundred_nodes_reporting_one_after_another_within_the_settle_window_are_still_written_by_max_delay()
    {
        Start();
        Pass(FirstWrite);
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);

        // A steady trickle, each report inside the settle window of the one before: the write waits at most MaxDelay.
        var workers = Enumerable.Range(0, 200).Select(RouteObjects.Worker).ToList();
        var trickled = TimeSpan.Zero;
        foreach (var worker in workers)
        {
            _cluster.Nodes[worker.Key] = worker;
            _nodes.Tell(new NodeRouteProtocol.Reconcile(worker.Key));
            Pass(Step);
            trickled += Step;
            if (_avi.Writes > 1) break;
        }

        Assert.Equal(2, _avi.Writes);
        Assert.InRange(trickled, Options.MaxDelay, Options.MaxDelay + Options.Settle + Step);
    }

    [Fact]
    public void A_cluster_of_two_hundred_nodes_starting_up_is_one_put()
    {
        foreach (var worker in Enumerable.Range(0, 200).Select(RouteObjects.Worker)) _cluster.Nodes[worker.Key] = worker;

        Start();
        Pass(FirstWrite);

        Assert.Equal(206, _avi.RoutesOf(RouteObjects.Cluster).Count);
        Pass(Options.ReportWait + Options.Reask, QuietStep);
        Assert.Equal(1, _avi.Writes);
    }

    [Fact]
    public void A_node_that_never_answers_keeps_its_route_while_a_new_node_is_still_added_after_the_report_wait()
    {
        _avi.Seed(RouteObjects.Cluster, RouteObjects.SeedRoutes.Select(Parse).ToArray());
        _silentNodes.Add("node/avi-node3");
        var node4 = RouteObjects.Node("avi-node4", "172.16.250.24", "10.244.6.0/24", 10);
        _cluster.Nodes[node4.Key] = node4;

        Start();
        Pass(Options.ReportWait);
        Assert.Equal(0, _avi.Writes);

        // After ReportWait the owner writes with a partial picture: the silent node's route is held, never deleted.
        Pass(FirstWrite);
        var written = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal([.. RouteObjects.SeedRoutes, "avi-cluster-7: 10.244.6.0/24 via 172.16.250.24"], written.Routes);
    }

    [Fact]
    public void A_node_whose_cidr_overlaps_an_earlier_nodes_gets_no_route_and_a_warning_while_the_rest_is_routed()
    {
        var late = RouteObjects.Node("avi-node9", "172.16.250.29", "10.244.3.0/25", 60);
        _cluster.Nodes[late.Key] = late;

        Start();
        Pass(FirstWrite);

        var written = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal(RouteObjects.SeedRoutes, written.Routes);
        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning, Handled);
        Assert.Equal(KubeObjectRef.Node(late.Key, "uid-avi-node9"), warning.Target);
        Assert.Equal(RouteRefusal.Reason, warning.Event.Reason);
        Assert.Contains("avi-node1", warning.Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_config_removes_exactly_our_routes_and_leaves_everyone_elses()
    {
        _avi.WriteForeignRoute("1", "10.244.0.0/24", "10.52.2.23");
        _avi.WriteForeignRoute("blue-1", "10.99.0.0/16", "10.1.1.1", clusterLabel: "blue");
        Start();
        Pass(FirstWrite);
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);

        _runtime.DeleteConfig = true;
        _vrfs.Tell(new VrfProtocol.Reconcile(Global));
        Pass(Step);

        Assert.Empty(_writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled).Routes);
        Assert.Equal(["1", "blue-1"], _avi.Routes.Select(r => r.RouteId));
    }

    [Fact]
    public void With_static_route_sync_disabled_the_vrf_is_never_read_or_written()
    {
        _avi.Seed(RouteObjects.Cluster, Parse("avi-cluster-1: 10.250.0.0/24 via 172.16.250.99"));

        Start(RouteObjects.Settings with { DisableStaticRouteSync = true });
        foreach (var node in RouteObjects.Seed) _vrfs.Tell(new VrfProtocol.NodeReport(Global, node.Key, true, [new("10.244.0.0/24", "172.16.250.11")], null));
        Pass(Options.ReportWait + Options.Reask, QuietStep);

        Assert.Equal((0, 0), (_avi.Reads, _avi.Writes));
        Assert.Single(_avi.Routes);
    }

    [Fact]
    public void A_failed_write_is_retried_and_lands_the_newest_routes()
    {
        _avi.BeforeWrite = attempt =>
        {
            if (attempt != 1) return Task.CompletedTask;
            // While the first PUT fails, another node joins: the retry must carry it too.
            var node4 = RouteObjects.Node("avi-node4", "172.16.250.24", "10.244.6.0/24", 10);
            _cluster.Nodes[node4.Key] = node4;
            _nodes.Tell(new NodeRouteProtocol.Reconcile(node4.Key));
            throw new AviApiException(new AviError(AviErrorKind.Transient, 503, "controller busy"), "PUT", "vrfcontext");
        };

        Start();
        // The new node's report is a new change: the retry follows it after a settle, or the backoff, whichever is first.
        Pass(FirstWrite + new RetryPolicy().MinBackoff);
        var written = _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        Assert.Equal([.. RouteObjects.SeedRoutes, "avi-cluster-7: 10.244.6.0/24 via 172.16.250.24"], written.Routes);
        Assert.Equal(1, _avi.Writes);
    }

    [Fact]
    public async Task A_handoff_stop_during_a_write_waits_for_the_write_to_finish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _avi.BeforeWrite = _ =>
        {
            held.TrySetResult();
            return release.Task;
        };
        Start();
        Pass(FirstWrite);
        await held.Task.WaitAsync(Handled);
        var vrf = Assert.Single(FlushRegion(_vrfs));
        Watch(vrf);

        // As the shard hands the entity off: the stop goes to the entity itself. Once it has been handled (the answer behind it
        // comes from the entity, not from dead letters), the entity is still there, waiting for its write.
        vrf.Tell(VrfProtocol.Stop.Instance);
        vrf.Tell(new Identify("after-stop"));
        Assert.Equal(vrf, ExpectMsg<ActorIdentity>(Handled).Subject);

        release.SetResult();
        _writes.ExpectMsg<FakeVrfController.VrfWritten>(Handled);
        ExpectTerminated(vrf, Handled);
    }

    /// <summary>Lets <paramref name="duration"/> of virtual time pass in <see cref="Step"/>s; after each step every message it
    /// caused (timer ticks, asks, reports, reads and writes of the synchronous fake) has been handled.</summary>
    private void Pass(TimeSpan duration) => Pass(duration, Step);

    /// <summary>As <see cref="Pass(TimeSpan)"/> in steps of <paramref name="step"/>: coarser steps only make windows end later.</summary>
    private void Pass(TimeSpan duration, TimeSpan step)
    {
        for (var passed = TimeSpan.Zero; passed < duration; passed += step)
        {
            Scheduler.Advance(step);
            // A step's consequences travel VRF -> node owners -> VRF (tick, ask, report, read, write): each round handles one more hop.
            for (var round = 0; round < 4; round++)
            {
                FlushRegion(_vrfs);
                FlushRegion(_nodes);
            }
        }
    }

    /// <summary>Waits until every entity of a region stub has handled what the stub had forwarded to it; returns the entities.</summary>
    private List<IActorRef> FlushRegion(IActorRef region)
    {
        region.Tell(new EntityRegionStub.Flush(_flush.Ref));
        var count = _flush.ExpectMsg<EntityRegionStub.Flushing>(Handled).Entities;
        return Enumerable.Range(0, count).Select(_ => _flush.ExpectMsg<ActorIdentity>(Handled).Subject).OfType<IActorRef>().ToList();
    }

    private void Start(AkoSettings? settings = null)
    {
        StartRuntime(settings ?? RouteObjects.Settings);
        _nodes = Sys.ActorOf(EntityRegionStub.PropsFor(
            m => (m as NodeRouteProtocol.INodeRouteMessage)?.Key.EntityId, NodeProps, id => _silentNodes.Contains(id)), "nodes");
        _vrfs = Sys.ActorOf(EntityRegionStub.PropsFor(m => (m as VrfProtocol.IVrfMessage)?.Key.EntityId, VrfProps), "vrfs");
        // As the router does when the controller first becomes reachable.
        _vrfs.Tell(new VrfProtocol.Reconcile(Global));
    }

    private void StartRuntime(AkoSettings settings)
    {
        _runtime = new ControllerRuntime(settings, "test") { ClusterStateSynced = () => _cluster.IsSynced, Time = new SchedulerTimeProvider(Scheduler) };
        _runtime.SetEnvironment(EquatableArray<string>.Empty, "ENTERPRISE");
    }

    private Props NodeProps(string entityId) => NodeRouteActor.PropsFor(entityId, _cluster, _kube, _runtime, _metrics, () => _vrfs);

    private Props VrfProps(string entityId) =>
        VrfActor.PropsFor(entityId, _avi, _cluster, _kube, _runtime, _metrics, new RetryPolicy(), Options, () => _nodes);

    private static OwnedRoute Parse(string text)
    {
        var parts = text.Split([": ", " via "], StringSplitOptions.None);
        return new OwnedRoute(parts[0], new PodRoute(IpCidr.Parse(parts[1]), System.Net.IPAddress.Parse(parts[2])));
    }
}
