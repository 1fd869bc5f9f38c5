using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Routing;
using AkoActors.Avi.Environment;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Rest;

namespace AkoActors.Actors.Runtime;

/// <summary>Finds out, before any tree is touched, whether the controller has what the settings name; until then the
/// replica is not ready, and it keeps asking with backoff instead of crashing.</summary>
public sealed class AviEnvironmentProbeActor : ReceiveActor, IWithTimers
{
    private readonly AviRestClient _rest;
    private readonly ControllerRuntime _runtime;
    private readonly RetryPolicy _retry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _failures;
    /// <summary>Cancels a probe in flight at shutdown.</summary>
    private readonly CancellationTokenSource _stopping = new();

    public AviEnvironmentProbeActor(AviRestClient rest, ControllerRuntime runtime, RetryPolicy retry, IActorRef router)
    {
        _rest = rest;
        _runtime = runtime;
        _retry = retry;

        Receive<ProbeNow>(_ =>
        {
            // New credentials or a controller that answers again: a probe waiting on its backoff runs now.
            if (!Timers.IsTimerActive("probe")) return;
            Timers.Cancel("probe");
            Self.Tell(Probe.Instance);
        });
        Receive<Probe>(_ => AviEnvironmentDiscovery.DiscoverAsync(_rest, _runtime.Settings, _stopping.Token)
            .PipeTo(Self, success: environment => new Discovered(environment)));
        Receive<Discovered>(discovered =>
        {
            var first = _runtime.Context is null;
            var environment = discovered.Environment;
            _runtime.SetEnvironment(environment.DnsSubdomains, environment.LicenseTier, environment.ClusterUuid, environment.CloudType);
            _runtime.LastEnvironmentError = null;
            _log.Info("Avi Controller ready: version {AviVersion}, cloud {Cloud} ({CloudUuid}, {CloudType}), DNS sub-domains [{DnsSubdomains}], licence tier {LicenseTier}",
                environment.Version ?? "unknown", _runtime.Settings.CloudName, environment.CloudUuid, environment.CloudType?.ToString() ?? "unknown",
                string.Join(", ", environment.DnsSubdomains), environment.LicenseTier ?? "unknown (TCP fast path, as AKO)");
            if (first && !_runtime.Settings.NodeNetworks.IsEmpty && environment.CloudType?.AllowsPoolPlacementNetworks != true)
            {
                _log.Warning("NetworkSettings.nodeNetworkList is not applied: cloud {Cloud} is {CloudType}, and pools get placement networks only on " +
                             "vCenter clouds and NSX-T clouds with a VLAN transport zone (as in AKO). Remove the setting, or check ControllerSettings.cloudName",
                    _runtime.Settings.CloudName, environment.CloudType?.ToString() ?? "of unknown type");
            }
            _failures = 0;
            if (first) router.Tell(RouterProtocol.WakeAll.Instance);
        });
        Receive<Status.Failure>(failure =>
        {
            _failures++;
            var error = failure.Cause is AviApiException api ? api.Error : AviErrorClassifier.Unreachable(failure.Cause);
            var delay = error.Kind == AviErrorKind.InvalidCredentials ? _retry.InvalidCredentialsRetry : _retry.Exponential(_failures);
            _runtime.LastEnvironmentError = error.ToString();
            _log.Warning("The Avi Controller is not usable yet ({AviStatus}: {AviError}); not ready, asking again in {RetryIn}", error.Status, error.Message, delay);
            Timers.StartSingleTimer("probe", Probe.Instance, delay);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Self.Tell(Probe.Instance);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Ask the controller again now rather than after the backoff (ignored while a probe is running or done).</summary>
    public sealed class ProbeNow
    {
        public static ProbeNow Instance { get; } = new();
    }

    private sealed class Probe
    {
        public static Probe Instance { get; } = new();
    }

    private sealed record Discovered(AviEnvironment Environment) : INoSerializationVerificationNeeded;
}

/// <summary>Registers this replica's environment probe.</summary>
public static class AviEnvironmentProbeRegistration
{
    public static AkkaConfigurationBuilder AddAviEnvironmentProbe(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
            registry.Register<AviEnvironmentProbeActor>(system.ActorOf(Props.Create(() => new AviEnvironmentProbeActor(
                resolver.GetService<AviRestClient>(), resolver.GetService<ControllerRuntime>(), resolver.GetService<RetryPolicy>(),
                registry.Get<ClusterChangeRouter>())), "avi-environment-probe")));
}
