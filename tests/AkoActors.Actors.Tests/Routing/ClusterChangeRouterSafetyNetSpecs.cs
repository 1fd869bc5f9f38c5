using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.Routing;

/// <summary>The router's safety net behind lost notices: on virtual time, every <see cref="ClusterChangeRouter.UnservedRecheck"/>
/// the owners of LoadBalancer Services that show no address get a start-only reconcile (which a running owner ignores),
/// served ones do not, and every fullSyncFrequency all of them do.</summary>
public sealed class ClusterChangeRouterSafetyNetSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        """);

    private static readonly ServiceKey Served = new("red", "served");
    private static readonly ServiceKey Unserved = new("red", "unserved");

    private readonly InMemoryClusterState _cluster = new();
    private readonly TestProbe _services;
    private readonly TestProbe _ingresses;
    private readonly IActorRef _router;

    public ClusterChangeRouterSafetyNetSpecs() : base(TestConfig)
    {
        _services = CreateTestProbe();
        _ingresses = CreateTestProbe();
        _cluster.Services[Served] = L4Objects.LoadBalancer("red", "served") with
        {
            Status = new[] { new LoadBalancerIngressStatus("172.16.251.10", null) }.ToEquatableArray(),
        };
        _cluster.Services[Unserved] = L4Objects.LoadBalancer("red", "unserved");
        var runtime = new ControllerRuntime(L4Objects.Settings, "test");
        _router = Sys.ActorOf(ClusterChangeRouter.PropsFor(_services.Ref, _ingresses.Ref, _cluster, runtime, new ControllerMetrics()));
        _router.Tell(new ClusterChange.ServiceChanged(Served));
        _router.Tell(new ClusterChange.ServiceChanged(Unserved));
        // The notices themselves: plain reconciles.
        Assert.Null(_services.ExpectMsg<ServiceProtocol.Reconcile>().OnlyStart);
        Assert.Null(_services.ExpectMsg<ServiceProtocol.Reconcile>().OnlyStart);
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void Only_the_owner_of_a_service_without_an_address_is_made_sure_to_run_and_only_with_a_start_only_reconcile()
    {
        Scheduler.Advance(ClusterChangeRouter.UnservedRecheck - TimeSpan.FromSeconds(1));
        _services.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Scheduler.Advance(TimeSpan.FromSeconds(1));
        var ensured = _services.ExpectMsg<ServiceProtocol.Reconcile>();
        Assert.Equal(new ServiceProtocol.Reconcile(Unserved) { OnlyStart = true }, ensured);
        _services.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        // Once it shows its address, the next round leaves it alone too.
        _cluster.Services[Unserved] = _cluster.Services[Unserved] with
        {
            Status = new[] { new LoadBalancerIngressStatus("172.16.251.11", null) }.ToEquatableArray(),
        };
        Scheduler.Advance(ClusterChangeRouter.UnservedRecheck);
        _services.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _ingresses.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Every_full_sync_makes_sure_every_owner_runs()
    {
        // Both served now: the short round finds nothing, the full sync reaches both.
        _cluster.Services[Unserved] = _cluster.Services[Unserved] with
        {
            Status = new[] { new LoadBalancerIngressStatus("172.16.251.11", null) }.ToEquatableArray(),
        };
        Scheduler.Advance(L4Objects.Settings.FullSyncInterval);

        var ensured = new[] { _services.ExpectMsg<ServiceProtocol.Reconcile>(), _services.ExpectMsg<ServiceProtocol.Reconcile>() };
        Assert.All(ensured, r => Assert.True(r.OnlyStart));
        Assert.Equal([Served, Unserved], ensured.Select(r => r.Key).OrderBy(k => k.Name));
    }
}
