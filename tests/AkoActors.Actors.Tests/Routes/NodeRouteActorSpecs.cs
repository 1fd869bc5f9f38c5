using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Routes;
using AkoActors.Domain.Settings;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.Routes;

/// <summary>One node's route owner: what it reports to the VRF owner on add, change and delete, and the Warnings it records.</summary>
public sealed class NodeRouteActorSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loglevel = INFO
        """);

    private static readonly NodeKey Node1 = new("avi-node1");
    private static readonly VrfKey Global = new("admin", "global");

    private readonly InMemoryClusterState _cluster = new();
    private readonly TestProbe _vrf;
    private readonly TestProbe _kubeProbe;
    private readonly TestProbe _parent;
    private readonly RecordingKubernetesWriter _kube;

    public NodeRouteActorSpecs() : base(TestConfig)
    {
        _vrf = CreateTestProbe();
        _kubeProbe = CreateTestProbe();
        _parent = CreateTestProbe();
        _kube = new RecordingKubernetesWriter(_kubeProbe);
    }

    [Fact]
    public void A_node_reports_its_pod_cidr_routed_to_its_internal_ip_and_its_creation_time()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24", createdMinute: 7);

        StartEntity();

        var report = _vrf.ExpectMsg<VrfProtocol.NodeReport>();
        Assert.Equal((Global, Node1, true), (report.Key, report.Node, report.Exists));
        Assert.Equal([new VrfProtocol.ReportedRoute("10.244.3.0/24", "172.16.250.21")], report.Routes);
        Assert.Equal(RouteObjects.Node("x", "1.1.1.1", "10.0.0.0/8", 7).CreatedAt, report.NodeCreated);
    }

    [Fact]
    public void A_changed_node_reports_its_whole_new_contribution_when_told_to_look_again()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24");
        var entity = StartEntity();
        _vrf.ExpectMsg<VrfProtocol.NodeReport>();

        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.121", "10.244.3.0/24", annotation: "10.244.3.0/24,10.245.3.0/24");
        entity.Tell(new NodeRouteProtocol.Reconcile(Node1));

        var report = _vrf.ExpectMsg<VrfProtocol.NodeReport>();
        Assert.Equal(
            [new VrfProtocol.ReportedRoute("10.244.3.0/24", "172.16.250.121"), new VrfProtocol.ReportedRoute("10.245.3.0/24", "172.16.250.121")],
            report.Routes);
    }

    [Fact]
    public void A_deleted_node_reports_that_it_is_gone_and_then_passivates()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24");
        var entity = StartEntity();
        _vrf.ExpectMsg<VrfProtocol.NodeReport>();

        _cluster.Nodes.TryRemove(Node1, out _);
        entity.Tell(new NodeRouteProtocol.Reconcile(Node1));

        var report = _vrf.ExpectMsg<VrfProtocol.NodeReport>();
        Assert.False(report.Exists);
        Assert.Empty(report.Routes);
        _parent.FishForMessage<Passivate>(p => p.StopMessage is NodeRouteProtocol.Stop);
    }

    [Fact]
    public void An_unparsable_annotation_is_a_warning_on_the_node_and_an_empty_report_not_a_stuck_entity()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24", annotation: "10.244.3.0/24,10.244.300.0/24");

        var entity = StartEntity();

        var report = _vrf.ExpectMsg<VrfProtocol.NodeReport>();
        Assert.True(report.Exists);
        Assert.Empty(report.Routes);
        var warning = _kubeProbe.ExpectMsg<RecordingKubernetesWriter.EventRecorded>();
        Assert.Equal(KubeObjectRef.Node(Node1, "uid-avi-node1"), warning.Target);
        Assert.Equal((KubeEvent.Warning, NodeRouteCalculator.InvalidAnnotationReason), (warning.Event.Type, warning.Event.Reason));
        Assert.Contains("10.244.300.0/24", warning.Event.Message, StringComparison.Ordinal);

        // The same problem on the next look is not reported again; fixing the annotation brings the route back.
        entity.Tell(new NodeRouteProtocol.Reconcile(Node1));
        _vrf.ExpectMsg<VrfProtocol.NodeReport>();
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24", annotation: "10.244.3.0/24");
        entity.Tell(new NodeRouteProtocol.Reconcile(Node1));
        Assert.Single(_vrf.ExpectMsg<VrfProtocol.NodeReport>().Routes);
        _kubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_node_without_internal_ip_is_a_warning_on_the_node()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "", "10.244.3.0/24");

        StartEntity();

        Assert.Empty(_vrf.ExpectMsg<VrfProtocol.NodeReport>().Routes);
        Assert.Equal(NodeRouteCalculator.NoInternalIpReason, _kubeProbe.ExpectMsg<RecordingKubernetesWriter.EventRecorded>().Event.Reason);
    }

    [Fact]
    public void Nothing_is_reported_before_the_informers_have_listed_everything()
    {
        _cluster.IsSynced = false;

        StartEntity();
        _vrf.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // An absent node in an unsynced cache is "not known yet": once synced, it is reported as gone, not before.
        _cluster.IsSynced = true;
        Assert.False(_vrf.ExpectMsg<VrfProtocol.NodeReport>(TimeSpan.FromSeconds(3)).Exists);
    }

    [Fact]
    public void In_NodePort_mode_a_node_reports_nothing_and_passivates()
    {
        _cluster.Nodes[Node1] = RouteObjects.Node("avi-node1", "172.16.250.21", "10.244.3.0/24");

        StartEntity(RouteObjects.Settings with { ServiceType = PoolServerMode.NodePort });

        _parent.FishForMessage<Passivate>(_ => true);
        _vrf.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private IActorRef StartEntity(AkoSettings? settings = null)
    {
        var runtime = new ControllerRuntime(settings ?? RouteObjects.Settings, "test") { ClusterStateSynced = () => _cluster.IsSynced };
        runtime.SetEnvironment(EquatableArray<string>.Empty, "ENTERPRISE");
        var props = NodeRouteActor.PropsFor(Node1.EntityId, _cluster, _kube, runtime, new ControllerMetrics(), () => _vrf.Ref);
        return Sys.ActorOf(Props.Create(() => new ParentProxy(props, "node", _parent.Ref)));
    }
}
