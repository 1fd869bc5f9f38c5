using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Routing;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;

namespace AkoActors.Actors.Runtime;

/// <summary>Notices the moment the controller answers again after failing, and then wakes every owner on this replica's
/// side at once, instead of each owner waiting out its own retry backoff (up to minutes after a long outage).</summary>
/// <remarks>Once the connection has counted <see cref="ControllerRecoveryOptions.FailuresForOutage"/> failed requests in a
/// row, it asks the controller one cheap question per
/// <see cref="ControllerRecoveryOptions.ProbeInterval"/> (one request a second per replica, only during an outage); the
/// first answer makes it tell the change router, which tells every owner to look again, and the environment probe. New
/// credentials (a rotated avi-secret) wake the same way.</remarks>
public sealed class ControllerRecoveryActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _interval;
    private bool _asking;
    private bool _failing;
    private CancellationTokenSource? _deadline;
    private DateTimeOffset _lastWake = DateTimeOffset.MinValue;

    public ControllerRecoveryActor(AviRestClient rest, AviConnection connection, ControllerRuntime runtime, ControllerRecoveryOptions options,
        IActorRef router, IActorRef environmentProbe)
    {
        Receive<Check>(_ =>
        {
            if (connection.ConsecutiveFailures >= options.FailuresForOutage) _failing = true;
            if (!_failing || _asking) return;
            _asking = true;
            // A controller that swallows connections must not hold the question longer than the next one is due.
            _deadline = new CancellationTokenSource(options.ProbeTimeout);
            rest.GetPathAsync("api/initial-data", runtime.CallContext("controller-recovery"), _deadline.Token)
                .PipeTo(Self, success: _ => Answered.Instance, failure: e => new Unanswered(e));
        });
        Receive<Answered>(_ =>
        {
            _asking = false;
            _deadline?.Dispose();
            _failing = false;
            // A flapping controller must not turn every answer into a wave of retries: one wake-up per interval at most.
            var wait = _lastWake + options.MinimumWakeInterval - Context.System.Scheduler.Now;
            if (wait > TimeSpan.Zero)
            {
                Timers.StartSingleTimer("wake", WakeNow.Instance, wait);
                return;
            }
            _log.Info("The Avi Controller answers again; waking every owner instead of waiting out their retry backoff");
            Wake();
        });
        Receive<WakeNow>(_ =>
        {
            _log.Info("The Avi Controller answers again; waking every owner instead of waiting out their retry backoff");
            Wake();
        });
        Receive<Unanswered>(unanswered =>
        {
            _asking = false;
            _deadline?.Dispose();
            _log.Debug("The Avi Controller still does not answer: {AviError}",
                unanswered.Cause is AviApiException api ? api.Error.ToString() : unanswered.Cause.Message);
        });
        Receive<CredentialsChanged>(_ =>
        {
            _log.Info("The controller credentials changed; checking the controller again and waking every owner");
            Wake();
        });

        void Wake()
        {
            _lastWake = Context.System.Scheduler.Now;
            environmentProbe.Tell(AviEnvironmentProbeActor.ProbeNow.Instance);
            router.Tell(RouterProtocol.ControllerAvailable.Instance);
        }

        _interval = options.ProbeInterval;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, _interval);

    protected override void PostStop() => _deadline?.Dispose();

    /// <summary>The login material changed (avi-secret rotated): look again with it now.</summary>
    public sealed class CredentialsChanged
    {
        public static CredentialsChanged Instance { get; } = new();
    }

    private sealed class Check : INotInfluenceReceiveTimeout, IDeadLetterSuppression
    {
        public static Check Instance { get; } = new();
    }

    private sealed class WakeNow
    {
        public static WakeNow Instance { get; } = new();
    }

    private sealed class Answered
    {
        public static Answered Instance { get; } = new();
    }

    private sealed record Unanswered(Exception Cause) : INoSerializationVerificationNeeded;
}

/// <summary>How often a replica whose controller requests fail asks whether it answers again.</summary>
public sealed record ControllerRecoveryOptions
{
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one question may go unanswered before it counts as "still down".</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed requests in a row after which the controller is asked whether it answers again. One: an owner
    /// whose single write failed may be the only one asking the controller anything for minutes.</summary>
    public int FailuresForOutage { get; init; } = 1;

    /// <summary>At most one wake-up per this interval, so a flapping controller does not defeat the owners' backoff.</summary>
    public TimeSpan MinimumWakeInterval { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Registers this replica's recovery watcher (after the change router and the environment probe).</summary>
public static class ControllerRecoveryRegistration
{
    public static AkkaConfigurationBuilder AddControllerRecovery(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
            registry.Register<ControllerRecoveryActor>(system.ActorOf(Props.Create(() => new ControllerRecoveryActor(
                resolver.GetService<AviRestClient>(), resolver.GetService<AviConnection>(), resolver.GetService<ControllerRuntime>(),
                resolver.GetService<ControllerRecoveryOptions>(), registry.Get<ClusterChangeRouter>(), registry.Get<AviEnvironmentProbeActor>())),
                "controller-recovery")));
}
