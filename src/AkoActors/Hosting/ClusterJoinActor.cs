using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AkoActors.Actors.Runtime;

namespace AkoActors.Hosting;

/// <summary>Joins this replica to its cluster only once it can do the work: its informers have listed everything and the
/// Avi Controller is usable. A replica with a wrong Avi password, or whose Kubernetes API is down at start, therefore
/// never hosts owners — sharding allocates only to members, so it cannot freeze a share of the load balancers.</summary>
public sealed class ClusterJoinActor : ReceiveActor, IWithTimers
{
    /// <summary>How often readiness is looked at before joining (cheap: two flags).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ControllerRuntime _runtime;
    private readonly Action<Cluster> _join;
    private string? _lastReason;

    public ClusterJoinActor(ControllerRuntime runtime, Action<Cluster> join)
    {
        _runtime = runtime;
        _join = join;
        Receive<Check>(_ => OnCheck());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(ControllerRuntime runtime, Action<Cluster> join) => Props.Create(() => new ClusterJoinActor(runtime, join));

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.Zero, CheckInterval);

    private void OnCheck()
    {
        if (!_runtime.IsReady)
        {
            var reason = _runtime.Context is null
                ? $"the Avi Controller is not usable yet ({_runtime.LastEnvironmentError ?? "still checking"})"
                : "the Kubernetes informers have not listed everything yet";
            if (reason != _lastReason) _log.Info("Not joining the cluster yet: {Reason}", reason);
            _lastReason = reason;
            return;
        }
        _log.Info("Ready: joining the cluster");
        _join(Cluster.Get(Context.System));
        Context.Stop(Self);
    }

    private sealed class Check : IDeadLetterSuppression
    {
        public static Check Instance { get; } = new();
    }
}
