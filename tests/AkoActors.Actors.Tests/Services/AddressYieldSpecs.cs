using Akka.Actor;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Services;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation.L4;
using Xunit;

namespace AkoActors.Actors.Tests.Services;

/// <summary>Issue 10 point 6, one owner against a scripted controller: a new auto-allocated Service that IPAM hands the address
/// a pinned Service asks for (whose owner runs elsewhere and has not made its vsvip yet) gives it back without its status
/// ever showing it, keeps its pools, asks IPAM for nothing while the pinned Service has no address, and takes another
/// address once the pinned Service's status shows its own.</summary>
public sealed class AddressYieldSpecs : ServiceOwnerSpecBase
{
    private const string FirstAddress = "172.16.251.1"; // the scripted controller's IPAM hands out .1, .2, … in order
    private static readonly ServiceKey Auto = new("red", "web");
    private static readonly ServiceKey Pinned = new("blue", "db");

    [Fact]
    public void A_new_auto_service_gives_back_the_address_a_pinned_service_asks_for_and_takes_another_once_that_one_has_it()
    {
        Cluster.Services[Pinned] = L4Objects.LoadBalancer("blue", "db") with { LoadBalancerIp = FirstAddress };
        Cluster.Services[Auto] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Auto] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];

        StartEntity();

        var yielded = KubeProbe.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "VipAddressYielded", TimeSpan.FromSeconds(5));
        Assert.Equal(KubeEvent.Normal, yielded.Event.Type);
        Assert.Contains(FirstAddress, yielded.Event.Message, StringComparison.Ordinal);
        Assert.Contains("blue/db", yielded.Event.Message, StringComparison.Ordinal);
        AwaitCondition(() => Avi.Get(AviObjectTypes.VsVip, "c1--red-web") is null && Avi.Get(AviObjectTypes.VirtualService, "c1--red-web") is null,
            TimeSpan.FromSeconds(5));
        Assert.NotNull(Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80"));
        Assert.NotNull(Avi.Get(AviObjectTypes.L4PolicySet, "c1--red-web"));

        // While the pinned Service has no address, nothing asks IPAM (it would hand out the same address again).
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        Writes.ExpectNoMsg(AddressYield.Recheck * 2);

        // Its owner (on another replica) gets the address: the auto Service takes the next one.
        Cluster.Services[Pinned] = Cluster.Services[Pinned] with { Status = new[] { new LoadBalancerIngressStatus(FirstAddress, null) }.ToEquatableArray() };
        var status = KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(s => s.Target.Name == "web", TimeSpan.FromSeconds(10));
        Assert.Equal(["172.16.251.2"], status.Ingress.Select(i => i.Ip));
        Assert.DoesNotContain(Kube.Patches, p => p.Target.Name == "web" && p.Ingress.Any(i => i.Ip == FirstAddress));
        Assert.Equal(["POST", "DELETE", "POST"], Avi.WritesOf(AviObjectTypes.VsVip).Select(w => w.ToString().Split(' ')[0]));
    }

    [Fact]
    public void A_service_whose_status_shows_its_address_keeps_it_when_another_service_asks_for_it()
    {
        Cluster.Services[Auto] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Auto] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(2))];
        var entity = StartEntity();
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(s => s.Target.Name == "web", TimeSpan.FromSeconds(5));
        AwaitCondition(() => Cluster.Services[Auto].Status.Any(s => s.Ip == FirstAddress), TimeSpan.FromSeconds(5));
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        var writes = Avi.WriteCount;

        // Created later, asking for the address the auto Service already shows: an address conflict, not a race.
        Cluster.Services[Pinned] = L4Objects.LoadBalancer("blue", "db") with { LoadBalancerIp = FirstAddress };
        entity.Tell(new ServiceProtocol.Reconcile(Auto));

        Writes.ExpectNoMsg(AddressYield.Recheck);
        Assert.Equal(writes, Avi.WriteCount);
        Assert.DoesNotContain(Kube.Events, e => e.Event.Reason == "VipAddressYielded");
    }

    private IActorRef StartEntity()
    {
        var props = ServiceActor.PropsFor(Auto.EntityId, Avi, Cluster, Kube, Runtime, new ControllerMetrics(), FastRetries);
        return Sys.ActorOf(Props.Create(() => new ParentProxy(props, "web", ParentProbe.Ref)));
    }
}
