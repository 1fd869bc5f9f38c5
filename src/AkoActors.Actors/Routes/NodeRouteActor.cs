using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Routes;
using AkoActors.Domain.Translation;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Routes;

/// <summary>Computes one Node's static routes from this replica's cache and reports them to the VRF's owner; warns on the Node
/// about input it cannot route.</summary>
/// <remarks>
/// It never writes to the controller: the VRF's route list is one object, written only by the <see cref="VrfActor"/>. Every look
/// reports the node's whole contribution (or that the node is gone), so a lost or reordered report is repaired by the next look,
/// and the VRF owner can ask again whenever it is unsure.
/// </remarks>
public sealed class NodeRouteActor : ReceiveActor, IWithTimers
{
    private const string Kind = "node-route";
    private const string RetryTimer = "retry";

    private readonly NodeKey _key;
    private readonly IClusterState _cluster;
    private readonly IKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly Func<IActorRef?> _vrfs;
    private readonly ILoggingAdapter _log;
    private IReadOnlyList<UserProblem> _reported = [];
    private readonly CancellationTokenSource _stopping = new();

    public NodeRouteActor(
        string entityId, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, Func<IActorRef?> vrfs)
    {
        _key = EntityIds.Node(entityId);
        _log = Logging.GetLogger(Context.System, $"Node {_key}");
        _cluster = cluster;
        _kube = kube;
        _runtime = runtime;
        _metrics = metrics;
        _vrfs = vrfs;

        Receive<NodeRouteProtocol.Reconcile>(_ => Look());
        Receive<RetryTick>(_ => Look());
        Receive<NodeRouteProtocol.Stop>(_ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's props; <paramref name="vrfs"/> finds the VRF shard region when a report is due.</summary>
    public static Props PropsFor(
        string entityId, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, Func<IActorRef?> vrfs) =>
        Props.Create(() => new NodeRouteActor(entityId, cluster, kube, runtime, metrics, vrfs));

    protected override void PreStart()
    {
        _metrics.EntityStarted(Kind);
        // Started by a notice, by remember-entities after a rebalance, or after a crash: in every case report at once.
        Self.Tell(new NodeRouteProtocol.Reconcile(_key));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _metrics.EntityStopped(Kind);
    }

    private void Look()
    {
        if (!StaticRoutePolicy.IsEnabled(_runtime.Settings))
        {
            // Routes are off (disableStaticRouteSync, NodePort mode): nothing to compute, nothing to own.
            Context.Parent.Tell(new Passivate(NodeRouteProtocol.Stop.Instance));
            return;
        }
        // Until the informers have listed everything, a missing node means "not known yet", never "deleted".
        if (!_cluster.IsSynced || _vrfs() is not { } vrfs)
        {
            Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        var vrf = StaticRoutePolicy.VrfOf(_runtime.Settings);
        var node = _cluster.GetNode(_key);
        if (node is null)
        {
            vrfs.Tell(new VrfProtocol.NodeReport(vrf, _key, false, [], null));
            _metrics.Reconciled(Kind, "deleted", TimeSpan.Zero);
            // Nothing left to own: leave, so remember-entities forgets this node.
            Context.Parent.Tell(new Passivate(NodeRouteProtocol.Stop.Instance));
            return;
        }

        var cni = _runtime.Settings.CniPlugin;
        var routes = NodeRouteCalculator.For(node, cni, CniPlugins.ReadsCustomResources(cni) ? _cluster.GetCniPodCidrs(_key) : null);
        Report(node, routes.Problems);
        vrfs.Tell(new VrfProtocol.NodeReport(vrf, _key, true,
            routes.Routes.Select(r => new VrfProtocol.ReportedRoute(r.Prefix.ToString(), r.NextHop.ToString())).ToArray(), node.CreatedAt));
        _metrics.Reconciled(Kind, "reported", TimeSpan.Zero);
    }

    /// <summary>Warnings for input the user must fix; the same set is not reported twice in a row.</summary>
    private void Report(NodeSnapshot node, IReadOnlyList<UserProblem> problems)
    {
        if (problems.SequenceEqual(_reported)) return;
        _reported = problems.ToList();
        foreach (var problem in problems)
        {
            _log.Warning("Node {Node}: {Problem}", _key.Name, problem.Message);
            // Events are best effort; the writer logs its own failures and a lost event must not stop the report.
            _ = _kube.RecordEventAsync(KubeObjectRef.Node(_key, node.Uid), KubeEvent.WarningEvent(problem.Reason, problem.Message), _stopping.Token)
                .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
        }
    }

    private sealed class RetryTick : INoSerializationVerificationNeeded
    {
        public static RetryTick Instance { get; } = new();
    }
}
