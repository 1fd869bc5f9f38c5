using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Actors.StatusWriting;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Tenancy;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Ingresses;

/// <summary>One Ingress: decides whether it is ours, resolves its backends and TLS Secrets, sends each shared VS its
/// contribution (and retractions when hosts move or go), and writes the Ingress's status and events.</summary>
/// <remarks>It writes nothing on the Avi Controller itself: the shared VS actors own those trees. Its state is a cache
/// of what it sent and heard; when it starts it retracts from every shard it no longer contributes to, so a host that
/// moved while this actor was elsewhere does not linger on its old VS.</remarks>
public sealed class IngressActor : ReceiveActor, IWithTimers
{
    private const string Kind = "ingress";

    private readonly IngressKey _key;
    private readonly IClusterState _cluster;
    private readonly IKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly RetryPolicy _retry;
    private readonly IRequiredActor<SharedVsRegion> _shards;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<ShardVsKey, IngressContribution> _sent = [];
    private readonly Dictionary<ShardVsKey, IngressProtocol.ShardStatus> _heard = [];
    /// <summary>The class names an AviInfraSetting not yet decided for its spec: the hosts stay where they are.</summary>
    private bool _awaitingSetting;
    private readonly Dictionary<ShardVsKey, string> _stamps = [];
    /// <summary>Contributions whose stamp no status has echoed yet, with how often each was sent again.</summary>
    private readonly Dictionary<ShardVsKey, int> _unanswered = [];
    /// <summary>Shards this actor had contributed to and has retracted from, until each says it took the retraction in,
    /// with how often each was sent again.</summary>
    private readonly Dictionary<ShardVsKey, int> _retracting = [];
    private string? _tenant;
    /// <summary>The shared VSes the Ingress's hosts belong on now (the controller's own or an AviInfraSetting's); null when
    /// nothing is placed.</summary>
    private SharedVsFamily? _family;
    /// <summary>The family each contribution was sent as part of: a shard of another family is left only once the new one
    /// shows in the status (make-before-break), like a shard of another tenant.</summary>
    private readonly Dictionary<ShardVsKey, SharedVsFamily?> _familyOf = [];
    private readonly string _incarnation = Guid.NewGuid().ToString("N")[..12];
    /// <summary>Cancels this incarnation's Kubernetes calls when it stops: a patch of a stopped owner lands on nobody's behalf.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private long _sends;
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private bool _retractedEverywhere;
    private bool _handled;
    private IReadOnlyList<UserProblem> _ownProblems = [];
    private IReadOnlyList<UserProblem> _reported = [];
    private readonly LoadBalancerStatusTracker _status = new();
    private readonly AkoAnnotationsTracker _annotations = new();

    public IngressActor(
        string entityId, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry,
        IRequiredActor<SharedVsRegion> shards)
    {
        _key = EntityIds.Ingress(entityId);
        _log = Logging.GetLogger(Context.System, $"Ingress {_key}");
        _cluster = cluster;
        _kube = kube;
        _runtime = runtime;
        _metrics = metrics;
        _retry = retry;
        _shards = shards;

        // The router's safety net only makes sure this owner runs; running, it has nothing to do (it looked when it started).
        Receive<IngressProtocol.Reconcile>(reconcile => reconcile.OnlyStart == true, _ => { });
        Receive<IngressProtocol.Reconcile>(_ => Run());
        Receive<IngressProtocol.ShardStatus>(OnShardStatus);
        Receive<Unanswered>(OnUnanswered);
        Receive<IngressProtocol.Retracted>(OnRetracted);
        Receive<Unretracted>(OnUnretracted);
        Receive<StatusPatched>(OnStatusPatched);
        Receive<AnnotationsPatched>(OnAnnotationsPatched);
        Receive<IngressProtocol.Stop>(_ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(
        string entityId, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry,
        IRequiredActor<SharedVsRegion> shards) =>
        Props.Create(() => new IngressActor(entityId, cluster, kube, runtime, metrics, retry, shards));

    protected override void PreStart()
    {
        _metrics.EntityStarted(Kind);
        Self.Tell(new IngressProtocol.Reconcile(_key));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _metrics.EntityStopped(Kind);
    }

    private void Run()
    {
        if (!_runtime.IsReady)
        {
            Timers.StartSingleTimer("ready", new IngressProtocol.Reconcile(_key), TimeSpan.FromSeconds(1));
            return;
        }
        var context = _runtime.Context!;
        var translation = _runtime.DeleteConfig ? IngressTranslation.NotHandled : IngressTranslator.Translate(_cluster.GetIngress(_key), _cluster, context);
        _handled = translation.Handled;
        _ownProblems = translation.Problems;
        _awaitingSetting = translation.AwaitingInfraSetting is not null;
        if (translation.AwaitingInfraSetting is { } awaited)
        {
            // Its class names a setting not decided yet: the hosts stay where they are; the setting's status change routes here again.
            _log.Debug("Ingress {Ingress}: waiting for AviInfraSetting {InfraSetting} to be Accepted or Rejected", _key, awaited);
            Settle();
            return;
        }
        _tenant = TenantPlacement.TenantOf(_cluster.GetNamespace(_key.Namespace), _runtime.Settings);
        _family = translation.Family;
        var wanted = translation.ByVirtualService.ToDictionary(kv => new ShardVsKey(_tenant, kv.Key), kv => kv.Value);

        foreach (var (shard, contribution) in wanted)
        {
            _familyOf[shard] = _family;
            if (_sent.TryGetValue(shard, out var sent) && sent == contribution) continue;
            _sent[shard] = contribution;
            _stamps[shard] = $"{_incarnation}-{++_sends}";
            _unanswered.Remove(shard);
            StopRetracting(shard);
            Send(shard);
        }
        // Shards of another tenant (the namespace's tenant changed) or of another family (the class's AviInfraSetting, or its
        // shard size, changed) keep serving until the new ones show in the status.
        var retract = _sent.Keys.Where(shard => !wanted.ContainsKey(shard) && IsCurrent(shard)).ToList();
        if (!_retractedEverywhere)
        {
            var family = _family?.VirtualServices(context.Names) ?? IngressTranslator.AllSharedVirtualServices(context);
            retract.AddRange(family.Select(vs => new ShardVsKey(_tenant, vs)).Where(shard => !wanted.ContainsKey(shard)));
            _retractedEverywhere = true;
        }
        Retract(retract);
        _metrics.Reconciled(Kind, _handled ? "converged" : "not-handled", TimeSpan.Zero);
        Settle();
    }

    /// <summary>A shared VS of another tenant that still serves this Ingress's hosts under the VS name they have here: rebuilt
    /// from the cache while a tenant move away from it was unfinished (see <c>SharedVsActor.Rehydrate</c>), it speaks to an
    /// incarnation that never knew of the move. It is taken in as a shard being left: it keeps the hosts until the new tenant
    /// shows in the status, and is retracted then.</summary>
    private bool AdoptLeftShard(ShardVsKey shard, IngressProtocol.ShardStatus status)
    {
        // Only a VS that rebuilt its contributions from the cache (no stamp): a late answer to a contribution since retracted
        // carries that contribution's stamp.
        if (status.Stamp is not null || _tenant is null || shard.Tenant == _tenant || status.Vip is null || status.Verdict.ServedHosts.IsEmpty) return false;
        var here = new ShardVsKey(_tenant, shard.VsName);
        if (!_sent.TryGetValue(here, out var contribution) || _retracting.ContainsKey(shard)) return false;
        _log.Info("Ingress {Ingress}: shared VS {ShardVs} of Avi tenant {Tenant} still serves its hosts; they stay there until tenant {NewTenant} serves them",
            _key, shard.VsName, shard.Tenant, _tenant);
        _sent[shard] = contribution;
        _familyOf[shard] = _familyOf.GetValueOrDefault(here);
        _stamps[shard] = $"{_incarnation}-{++_sends}";
        return true;
    }

    /// <summary>True for a shard of the tenant and family the hosts belong to now; with no family (nothing placed) every
    /// shard of the tenant is, so an Ingress that is no longer ours leaves at once.</summary>
    private bool IsCurrent(ShardVsKey shard) =>
        shard.Tenant == _tenant && (_family is null || Equals(_familyOf.GetValueOrDefault(shard), _family));

    private void Retract(IEnumerable<ShardVsKey> shards)
    {
        foreach (var shard in shards.Distinct().ToList())
        {
            _familyOf.Remove(shard);
            var contributed = _sent.Remove(shard);
            _heard.Remove(shard);
            _stamps.Remove(shard);
            Answered(shard);
            if (contributed)
            {
                _retracting.TryAdd(shard, 0);
                SendRetract(shard);
            }
            else if (!_retracting.ContainsKey(shard))
            {
                _shards.ActorRef.Tell(new SharedVsProtocol.Retract(shard, _key));
            }
        }
    }

    private void OnShardStatus(IngressProtocol.ShardStatus status)
    {
        var shard = new ShardVsKey(status.Tenant ?? _runtime.Settings.TenantName, status.VirtualService);
        // A verdict about a contribution this actor has since withdrawn is stale, unless it is from the tenant a move left.
        if (!_sent.ContainsKey(shard) && !AdoptLeftShard(shard, status)) return;
        _heard[shard] = status;
        if (status.Stamp == _stamps[shard])
        {
            Answered(shard);
        }
        else
        {
            // The VS holds something other than what was last sent (lost in a hand-off, or rebuilt from a lagging cache):
            // send it again; the verdict still says what is realised now.
            Send(shard);
        }
        foreach (var host in status.Verdict.ServedHosts.Where(h => status.Vip is not null && _announced.Add(h)))
        {
            Record(KubeEvent.NormalEvent("Synced", $"Added host {host} of Ingress {_key} to virtualservice {status.VirtualService} ({string.Join(", ", status.Addresses())})"));
        }
        Settle();
    }

    /// <summary>Sends the contribution and waits for a status that echoes its stamp; none in time means the message (or
    /// the answer) was lost between replicas, and it is sent again.</summary>
    private void Send(ShardVsKey shard)
    {
        var stamp = _stamps[shard];
        _shards.ActorRef.Tell(new SharedVsProtocol.Contribute(shard, _sent[shard], stamp));
        var resends = _unanswered.GetValueOrDefault(shard);
        _unanswered[shard] = resends;
        Timers.StartSingleTimer(UnansweredTimer(shard), new Unanswered(shard, stamp), _retry.ResendAfter(resends));
    }

    private void OnUnanswered(Unanswered unanswered)
    {
        var shard = unanswered.Shard;
        if (!_stamps.TryGetValue(shard, out var stamp) || stamp != unanswered.Stamp || !_unanswered.TryGetValue(shard, out var resends)) return;
        _unanswered[shard] = resends + 1;
        // Said once per contribution: while a shared VS moves between replicas every Ingress on it resends (with backoff),
        // and a line per resend was thousands a minute at 2,000 Ingresses.
        if (resends == 0) _log.Info("Ingress {Ingress}: shared VS {ShardVs} has not answered contribution {Stamp}; sending it again until it does", _key, shard.VsName, stamp);
        else _log.Debug("Ingress {Ingress}: shared VS {ShardVs} has not answered contribution {Stamp} after {Resends} resend(s); sending it again", _key, shard.VsName, stamp, resends);
        Send(shard);
    }

    private void Answered(ShardVsKey shard)
    {
        if (_unanswered.Remove(shard)) Timers.Cancel(UnansweredTimer(shard));
    }

    private static string UnansweredTimer(ShardVsKey shard) => $"unanswered/{shard.Tenant}/{shard.VsName}";

    /// <summary>A retraction of hosts this Ingress had on the VS: lost between replicas, they would stay served there.</summary>
    private void SendRetract(ShardVsKey shard)
    {
        _shards.ActorRef.Tell(new SharedVsProtocol.Retract(shard, _key) { Answer = true });
        Timers.StartSingleTimer(UnretractedTimer(shard), new Unretracted(shard), _retry.ResendAfter(_retracting[shard]));
    }

    private void OnRetracted(IngressProtocol.Retracted retracted)
    {
        StopRetracting(new ShardVsKey(retracted.Tenant ?? _runtime.Settings.TenantName, retracted.VirtualService));
        Settle();
    }

    private void OnUnretracted(Unretracted unretracted)
    {
        if (!_retracting.TryGetValue(unretracted.Shard, out var resends)) return;
        _retracting[unretracted.Shard] = resends + 1;
        _log.Info("Ingress {Ingress}: shared VS {ShardVs} has not confirmed the retraction of its hosts; sending it again", _key, unretracted.Shard.VsName);
        SendRetract(unretracted.Shard);
    }

    private void StopRetracting(ShardVsKey shard)
    {
        if (_retracting.Remove(shard)) Timers.Cancel(UnretractedTimer(shard));
    }

    private static string UnretractedTimer(ShardVsKey shard) => $"unretracted/{shard.Tenant}/{shard.VsName}";

    /// <summary>Reports problems when they changed, brings the status in line, and leaves when there is nothing to do.</summary>
    private void Settle()
    {
        var problems = _ownProblems.Concat(_heard.Values.SelectMany(h => h.Verdict.Problems)).Distinct().ToList();
        if (!problems.SequenceEqual(_reported))
        {
            _reported = problems;
            foreach (var problem in problems)
            {
                _log.Warning("Ingress {Ingress}: {Problem}", _key, problem.Message);
                Record(KubeEvent.WarningEvent(problem.Reason, problem.Message));
            }
        }

        var ingress = _cluster.GetIngress(_key);
        var current = _sent.Keys.Where(IsCurrent).ToList();
        var leaving = _sent.Keys.Where(shard => !IsCurrent(shard)).ToList();
        // During a tenant or family move the new shards take over the status only once each has answered with a VIP for the
        // hosts it serves; until then the old ones keep it. A shard that refused (a tenant the controller's user may not use,
        // a name held by someone else: no VIP, a problem) never takes it, so a refused move changes nothing.
        var takeOver = current.All(shard => _heard.TryGetValue(shard, out var heard) && (leaving.Count == 0 || heard.Vip is not null || (heard.Verdict.ServedHosts.IsEmpty && heard.Verdict.Problems.IsEmpty)));
        if (ingress is null || ingress.IsDeleting)
        {
            _status.Forget();
            _annotations.Forget();
            Retract(leaving);
        }
        else if (takeOver && !(_awaitingSetting && current.Count == 0))
        {
            // (An incarnation started while the class's setting is checked has sent nothing yet: the status it finds is what
            // still serves the hosts, not an empty one to write.)
            if (_handled || !ingress.Status.IsEmpty)
            {
                // Only once every shared VS this Ingress contributes to has answered: an Ingress whose hosts land on three VSes
                // gets one status patch, not three partial ones.
                var desired = DesiredStatus(current, keptFrom: ingress);
                UpdateStatus(ingress, desired);
                // The old tenant's shards let go only once the Ingress shows the new ones: never a moment without an address.
                if (leaving.Count > 0 && ingress.Status.SequenceEqual(desired)) Retract(leaving);
            }
            UpdateAkoAnnotations(ingress, current);
        }
        else if (leaving.Count > 0 && leaving.All(_heard.ContainsKey))
        {
            UpdateStatus(ingress, DesiredStatus(leaving));
        }
        if (!_handled && _sent.Count == 0 && _retracting.Count == 0 && !_status.IsPending && !_annotations.IsPending)
        {
            Context.Parent.Tell(new Passivate(IngressProtocol.Stop.Instance));
        }
    }

    /// <summary><c>[{ip: shard VIP, hostname: host}]</c> per served host and address of the shard's vsvip (AKO's shape: one
    /// entry per address per host), sorted by host, each host's addresses in the vsvip's order. With <paramref name="keptFrom"/>, a
    /// shard that refused (no VIP, a problem) keeps the entries the Ingress shows for the hosts sent to it: an actor started
    /// while its namespace names a tenant the controller may not use (its hosts still served by the tenant they came from,
    /// which this incarnation never knew) does not blank the address; the Warning says why nothing moves.</summary>
    private List<LoadBalancerIngressStatus> DesiredStatus(IEnumerable<ShardVsKey> shards, IngressSnapshot? keptFrom = null) =>
        shards.Where(_heard.ContainsKey)
            .SelectMany(shard => _heard[shard] switch
            {
                { Vip: not null } heard => heard.Verdict.ServedHosts.SelectMany(host => heard.Addresses().Select(vip => new LoadBalancerIngressStatus(vip, host))),
                { Verdict.Problems.IsEmpty: false } when keptFrom is not null => keptFrom.Status.Where(s => _sent[shard].Hosts.Any(h => h.Host == s.Hostname)),
                _ => [],
            })
            .OrderBy(s => s.Hostname, StringComparer.Ordinal)
            .ToList();

    private void UpdateStatus(IngressSnapshot ingress, List<LoadBalancerIngressStatus> desired)
    {
        if (!_status.NeedsPatch(ingress.Status, desired)) return;
        _kube.PatchLoadBalancerStatusAsync(KubeObjectRef.Ingress(_key, ingress.Uid), desired, _stopping.Token)
            .PipeTo(Self, success: () => new StatusPatched(null), failure: exception => new StatusPatched(exception));
    }

    private void OnStatusPatched(StatusPatched patched)
    {
        _metrics.StatusWritten(Kind, patched.Error is null);
        if (patched.Error is null) return;
        _status.Forget();
        var delay = _retry.Exponential(2);
        _log.Warning("Ingress {Ingress}: writing its status failed ({Reason}); retrying in {RetryIn}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("status-retry", new IngressProtocol.Reconcile(_key), delay);
    }

    /// <summary>AKO's <c>ako.vmware.com/*</c> annotations, which AMKO reads: each served host → the uuid of the VS serving it
    /// (SNI child or shared parent); all three removed once the Ingress is no longer ours.</summary>
    private void UpdateAkoAnnotations(IngressSnapshot ingress, IEnumerable<ShardVsKey> shards)
    {
        var hosts = shards.Where(_heard.ContainsKey).Select(shard => _heard[shard])
            .Where(h => h.Vip is not null)
            .SelectMany(h => h.HostVirtualServices ?? EquatableArray<HostVirtualService>.Empty)
            .DistinctBy(h => h.Host, StringComparer.Ordinal)
            .OrderBy(h => h.Host, StringComparer.Ordinal)
            .ToEquatableArray();
        // A handled Ingress whose hosts are not served yet (no VIP) keeps what it has; only one we no longer serve loses them.
        if (_handled && hosts.IsEmpty) return;
        var desired = new AkoVsAnnotations(hosts, _runtime.Context!.ControllerClusterUuid ?? string.Empty, _tenant ?? _runtime.Settings.TenantName);
        if (!_annotations.NeedsPatch(ingress.Annotations, desired)) return;
        _kube.PatchAkoAnnotationsAsync(KubeObjectRef.Ingress(_key, ingress.Uid), desired, _stopping.Token)
            .PipeTo(Self, success: () => new AnnotationsPatched(null), failure: exception => new AnnotationsPatched(exception));
    }

    private void OnAnnotationsPatched(AnnotationsPatched patched)
    {
        if (patched.Error is null) return;
        _annotations.Forget();
        var delay = _retry.Exponential(2);
        _log.Warning("Ingress {Ingress}: writing AKO's VS annotations failed ({Reason}); retrying in {Delay}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("annotations-retry", new IngressProtocol.Reconcile(_key), delay);
    }

    private void Record(KubeEvent kubeEvent)
    {
        var uid = _cluster.GetIngress(_key)?.Uid;
        _ = _kube.RecordEventAsync(KubeObjectRef.Ingress(_key, uid), kubeEvent, _stopping.Token)
            .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
    }

    private sealed record StatusPatched(Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record Unanswered(ShardVsKey Shard, string Stamp) : INoSerializationVerificationNeeded;

    private sealed record Unretracted(ShardVsKey Shard) : INoSerializationVerificationNeeded;

    private sealed record AnnotationsPatched(Exception? Error) : INoSerializationVerificationNeeded;
}
