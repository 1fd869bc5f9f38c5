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
public sealed class ServiceOwnershipSpecs : ServiceOwnerSpecBase
{
    private static readonly ServiceKey Older = new("a-b", "c");
    private static readonly ServiceKey Newer = new("a", "b-c");

    [Fact]
    public void A_service_whose_avi_names_another_service_holds_gets_NameCollision_no_vip_and_writes_nothing()
    {
        AddService(Older, minute: 1);
        Converge(Older);
        var olderTree = Avi.All().ToDictionary(s => s.Ref, s => s.LastModified);
        var writes = Avi.WriteCount;

        AddService(Newer, minute: 2);
        Start(Newer);

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(
            e => e.Event.Type == KubeEvent.Warning && e.Target.Name == Newer.Name, TimeSpan.FromSeconds(5));
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("Service a-b/c", warning.Event.Message);
        Assert.Contains("c1--a-b-c", warning.Event.Message);
        Assert.Contains("Rename", warning.Event.Message);
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(writes, Avi.WriteCount);
        Assert.Equal(olderTree, Avi.All().ToDictionary(s => s.Ref, s => s.LastModified));
        Assert.DoesNotContain(Kube.Patches, p => p.Target.Name == Newer.Name && p.Ingress.Count > 0);
    }

    [Fact]
    public void The_older_service_keeps_converging_while_the_newer_one_is_refused()
    {
        AddService(Older, minute: 1);
        var older = Converge(Older);
        AddService(Newer, minute: 2);
        Start(Newer);
        KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "NameCollision", TimeSpan.FromSeconds(5));

        Cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(4))];
        older.Tell(new ServiceProtocol.Reconcile(Older));

        var applied = Writes.ExpectMsg<FakeAviController.Applied>(TimeSpan.FromSeconds(5));
        Assert.Equal("PUT pool/c1--a-b-c-TCP-80", applied.Operation.ToString());
        var pool = (PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Spec;
        Assert.Equal(4, pool.Servers.Count);
        Assert.Equal(AviClaim.ForService(Older), AviClaim.Of(pool));
    }

    [Fact]
    public void A_service_named_like_an_ingress_hosts_sni_child_leaves_the_sni_child_untouched()
    {
        var sniChild = Avi.Seed(new VirtualServiceSpec("c1--col-web", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null,
            "System-Secure-HTTP", "System-TCP-Proxy", new AviPlacement("Default-Cloud", "global", "Default-Group"),
            new AviObjectMeta("ako-c1", new AviOwnership("c1").Markers(AviMarker.Of(AviMarker.HostKey, "col-web")), null)));
        var web = new ServiceKey("col", "web");
        AddService(web, minute: 1);

        Start(web);

        var warning = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Type == KubeEvent.Warning, TimeSpan.FromSeconds(5));
        Assert.Equal("NameCollision", warning.Event.Reason);
        Assert.Contains("the Ingress host col-web", warning.Event.Message);
        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, Avi.WriteCount);
        Assert.Equal(sniChild, Avi.Get(AviObjectTypes.VirtualService, "c1--col-web"));
    }

    [Fact]
    public void Every_write_carries_an_owner_epoch_above_every_stamp_read_in_the_tree()
    {
        AddService(Older, minute: 1);
        Converge(Older);
        var first = Avi.All().Select(s => s.Epoch).Distinct().ToList();
        Assert.Single(first);
        Assert.NotNull(first[0]);
        // A successor (a later incarnation on another replica) takes over the same tree; the vsvip carries a stamp from
        // a clock far ahead, so the successor must go above it rather than use its own clock.
        var vip = Avi.Get(AviObjectTypes.VsVip, "c1--a-b-c")!;
        Avi.WriteAsOtherOwner(vip.Spec, long.MaxValue / 2);

        var successor = Start(Older, name: "successor");
        Cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(3))];
        successor.Tell(new ServiceProtocol.Reconcile(Older));

        Writes.FishForMessage<FakeAviController.Applied>(a => a.Operation.Target.Type == AviObjectTypes.Pool, TimeSpan.FromSeconds(5));
        Assert.True(Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Epoch > long.MaxValue / 2);
    }

    [Fact]
    public void An_owner_that_finds_a_newer_owners_stamp_on_its_tree_writes_nothing_more()
    {
        AddService(Older, minute: 1);
        var stale = Converge(Older);
        var pool = Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!;
        // Meanwhile another replica took the Service over (this one was paused or cut off) and wrote the pool.
        var successor = Avi.WriteAsOtherOwner(pool.Spec, pool.Epoch!.Value + 60_000);
        var writes = Avi.WriteCount;

        Cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(5))];
        stale.Tell(new ServiceProtocol.Observed(Older, [new ObservedObject(pool.Ref, successor.LastModified)]));
        stale.Tell(new ServiceProtocol.Reconcile(Older));

        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(writes, Avi.WriteCount);
        Assert.Equal(successor, Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80"));
    }

    [Fact]
    public void A_write_refused_as_fenced_is_not_retried()
    {
        AddService(Older, minute: 1);
        var stale = Converge(Older);
        var pool = Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!;
        // The successor's write lands between this owner's read and its write: the controller refuses the stale PUT.
        Avi.BeforeApply = op =>
        {
            Avi.BeforeApply = null;
            Avi.WriteAsOtherOwner(pool.Spec, pool.Epoch!.Value + 60_000);
            return Task.CompletedTask;
        };
        var writes = Avi.WriteCount;

        Cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(5))];
        stale.Tell(new ServiceProtocol.Reconcile(Older));
        Cluster.Slices[Older] = [L4Objects.Slice(Older.Namespace, Older.Name, 80, L4Objects.PodIps(6))];
        stale.Tell(new ServiceProtocol.Reconcile(Older));

        Writes.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(writes, Avi.WriteCount);
        Assert.Single(((PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--a-b-c-TCP-80")!.Spec).Servers);
    }

    private readonly Dictionary<ServiceKey, IActorRef> _entities = [];

    private void AddService(ServiceKey key, int minute)
    {
        Cluster.Services[key] = L4Objects.LoadBalancer(key.Namespace, key.Name) with { Created = new DateTimeOffset(2026, 12, 1, 0, minute, 0, TimeSpan.Zero) };
        Cluster.Slices[key] = [L4Objects.Slice(key.Namespace, key.Name, 80, L4Objects.PodIps(1))];
    }

    private IActorRef Converge(ServiceKey key)
    {
        var entity = Start(key);
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(p => p.Target.Name == key.Name, TimeSpan.FromSeconds(5));
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        return entity;
    }

    private IActorRef Start(ServiceKey key, string? name = null)
    {
        var props = ServiceActor.PropsFor(key.EntityId, Avi, Cluster, Kube, Runtime, new ControllerMetrics(), FastRetries);
        var entity = Sys.ActorOf(Props.Create(() => new ParentProxy(props, name ?? key.EntityId.Replace('/', '_'), ParentProbe.Ref)));
        _entities[key] = entity;
        return entity;
    }
}
