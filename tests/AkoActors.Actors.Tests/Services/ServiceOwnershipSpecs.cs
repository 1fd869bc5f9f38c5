using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.Services;

/// <summary>An L4 owner acts only on objects whose markers say they are its Service's, never on a name alone, and stops
/// writing once a newer owner incarnation has stamped its tree (issue: ownership proven, writes fenced).</summary>
public sealed class ServiceOwnershipSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loglevel = INFO
        """);

    // AKO's naming gives both <cluster>--a-b-c.
    private static readonly ServiceKey Older = new("a-b", "c");
    private static readonly ServiceKey Newer = new("a", "b-c");

    private readonly InMemoryClusterState _cluster = new();
    private readonly FakeAviController _avi;
    private readonly RecordingKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly TestProbe _writes;
    private readonly TestProbe _kubeProbe;
    private readonly TestProbe _parent;

    public ServiceOwnershipSpecs() : base(TestConfig)
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
    public void A_service_whose_avi_names_another_service_holds_gets_NameCollision_no_vip_and_writes_nothing()
    {
        AddService(Older, minute: 1);
        Converge(Older);
        var olderTree = _avi.All().ToDictionary(s => s.Ref, s => s.LastModified);
        var writes = _avi.WriteCount;

        AddService(Newer, minute: 2);
        Start(Newer);

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(
            e => e.Event.Type == KubeEvent.Warning && e.Target.Name == Newer.Name, TimeSpan.FromSeconds(5));
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("Service a-b/c", warning.Event.Message);
        Assert.Contains("c1--a-b-c", warning.Event.Message);
        Assert.Contains("Rename", warning.Event.Message);
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writes, _avi.WriteCount);
        Assert.Equal(olderTree, _avi.All().ToDictionary(s => s.Ref, s => s.LastModified));
        Assert.DoesNotContain(_kube.Patches, p => p.Target.Name == Newer.Name && p.Ingress.Count > 0);
    }

    [Fact]
    public void The_older_service_keeps_converging_while_the_newer_one_is_refused()
    {
        AddService(Older, minute: 1);
        var older = Converge(Older);
        AddService(Newer, minute: 2);
        Start(Newer);
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "NameCollision", TimeSpan.FromSeconds(5));

        _cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(4))];
        older.Tell(new ServiceProtocol.Reconcile(Older));

        var applied = _writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        Assert.Equal("PUT pool/c1--a-b-c-TCP-80", applied.Operation.ToString());
        var pool = (PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Spec;
        Assert.Equal(4, pool.Servers.Count);
        Assert.Equal(AviClaim.ForService(Older), AviClaim.Of(pool));
    }

    [Fact]
    public void A_service_named_like_an_ingress_hosts_sni_child_leaves_the_sni_child_untouched()
    {
        var sniChild = _avi.Seed(new VirtualServiceSpec("c1--col-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null,
            "System-Secure-HTTP", "System-TCP-Proxy", new AviPlacement("Default-Cloud", "global", "Default-Group"),
            new AviObjectMeta("ako-c1", new AviOwnership("c1").Markers(AviMarker.Of(AviMarker.HostKey, "col-web")), null)));
        var web = new ServiceKey("col", "web");
        AddService(web, minute: 1);

        Start(web);

        var warning = _kubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning, TimeSpan.FromSeconds(5));
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("the Ingress host col-web", warning.Event.Message);
        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, _avi.WriteCount);
        Assert.Equal(sniChild, _avi.Get(AviObjectTypes.VirtualService, "c1--col-web"));
    }

    [Fact]
    public void Every_write_carries_an_owner_epoch_above_every_stamp_read_in_the_tree()
    {
        AddService(Older, minute: 1);
        Converge(Older);
        var first = _avi.All().Select(s => s.Epoch).Distinct().ToList();
        Assert.Single(first);
        Assert.NotNull(first[0]);
        // A successor (a later incarnation on another replica) takes over the same tree; the vsvip carries a stamp from
        // a clock far ahead, so the successor must go above it rather than use its own clock.
        var vip = _avi.Get(AviObjectTypes.VsVip, "c1--a-b-c")!;
        _avi.WriteAsOtherOwner(vip.Spec, long.MaxValue / 2);

        var successor = Start(Older, name: "successor");
        _cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(3))];
        successor.Tell(new ServiceProtocol.Reconcile(Older));

        _writes.FishForMessage<FakeAviController.Applied>(a => a.Operation.Target.Type == AviObjectTypes.Pool, TimeSpan.FromSeconds(5));
        Assert.True(_avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Epoch > long.MaxValue / 2);
    }

    [Fact]
    public void An_owner_that_finds_a_newer_owners_stamp_on_its_tree_writes_nothing_more()
    {
        AddService(Older, minute: 1);
        var stale = Converge(Older);
        var pool = _avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!;
        // Meanwhile another replica took the Service over (this one was paused or cut off) and wrote the pool.
        var successor = _avi.WriteAsOtherOwner(pool.Spec, pool.Epoch!.Value + 60_000);
        var writes = _avi.WriteCount;

        _cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(5))];
        stale.Tell(new ServiceProtocol.Observed(Older, [new ObservedObject(pool.Ref, successor.LastModified)]));
        stale.Tell(new ServiceProtocol.Reconcile(Older));

        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(writes, _avi.WriteCount);
        Assert.Equal(successor, _avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80"));
    }

    [Fact]
    public void A_write_refused_as_fenced_is_not_retried()
    {
        AddService(Older, minute: 1);
        var stale = Converge(Older);
        var pool = _avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!;
        // The successor's write lands between this owner's read and its write: the controller refuses the stale PUT.
        _avi.BeforeApply = op =>
        {
            _avi.BeforeApply = null;
            _avi.WriteAsOtherOwner(pool.Spec, pool.Epoch!.Value + 60_000);
            return Task.CompletedTask;
        };
        var writes = _avi.WriteCount;

        _cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(5))];
        stale.Tell(new ServiceProtocol.Reconcile(Older));
        _cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(6))];
        stale.Tell(new ServiceProtocol.Reconcile(Older));

        _writes.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(writes, _avi.WriteCount);
        Assert.Single(((PoolSpec)_avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Spec).Servers);
    }

    private readonly Dictionary<ServiceKey, IActorRef> _entities = [];

    private void AddService(ServiceKey key, int minute)
    {
        _cluster.Services[key] = L4Objects.LoadBalancer(key.Namespace, key.Name) with { Created = new DateTimeOffset(2026, 12, 1, 0, minute, 0, TimeSpan.Zero) };
        _cluster.Slices[key] = [L4Objects.Slice(key.Namespace, key.Name, 80, L4Objects.PodIps(1))];
    }

    private IActorRef Converge(ServiceKey key)
    {
        var entity = Start(key);
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(p => p.Target.Name == key.Name, TimeSpan.FromSeconds(5));
        _writes.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        return entity;
    }

    private IActorRef Start(ServiceKey key, string? name = null)
    {
        var props = ServiceActor.PropsFor(key.EntityId, _avi, _cluster, _kube, _runtime, new ControllerMetrics(), FastRetries);
        var entity = Sys.ActorOf(Props.Create(() => new ParentProxy(props, name ?? key.EntityId.Replace('/', '_'), _parent.Ref)));
        _entities[key] = entity;
        return entity;
    }
}
