using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Diff;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Tenancy;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.SharedVirtualServices;

/// <summary>The single writer of one shared L7 VS (<c>&lt;p&gt;Shared-L7-&lt;n&gt;</c>, or an AviInfraSetting's
/// <c>&lt;p&gt;Shared-L7-&lt;setting&gt;-&lt;n&gt;</c>, placed with that setting) and its whole tree: many Ingresses from many
/// namespaces contribute hosts to it, so the VS, not any Ingress, is the unit of ownership.</summary>
/// <remarks>
/// Contributions arrive from Ingress actors; they are also a cache this actor can always rebuild from its replica's
/// informer cache with the same pure translation — which it does when it starts (after a rebalance or failover it knows
/// nothing that was sent to its previous incarnation) and on every sweep, so a lost or reordered message can never make
/// it delete another Ingress's pools. After each convergence it tells each contributing Ingress its VIP, served hosts and
/// problems (only when that changed).
/// <para>Fair share between namespaces: a pass takes at most <see cref="PassSharePerNamespace"/> changed Ingresses of each
/// namespace (oldest change first) and leaves the rest, as they were last written, for the next pass, which starts as soon
/// as this one converges. A namespace flooding this VS therefore adds at most that many Ingresses' writes to each pass,
/// so another namespace's change waits for at most the pass in flight and its own pass, each bounded by the share times
/// the namespaces waiting — round robin between namespaces with a quantum of the share, not first come first served.
/// The first pass of an incarnation takes everything (what is on the controller is already the whole tree).</para>
/// </remarks>
public sealed class SharedVsActor : AviTreeOwnerActor
{
    private readonly ShardVsKey _key;
    /// <summary>The AviInfraSetting whose shared VS this is; null for the controller's own.</summary>
    private readonly string? _infraSetting;
    private readonly IClusterState _cluster;
    private readonly IRequiredActor<IngressRegion> _ingresses;
    private readonly Dictionary<IngressKey, IngressContribution> _contributions = [];
    private readonly Dictionary<IngressKey, IngressProtocol.ShardStatus> _told = [];
    private readonly Dictionary<IngressKey, string> _stamps = [];
    private ShardTranslation? _latest;
    private bool _rehydrated;
    private UserProblem? _failure;
    private readonly Dictionary<string, Quarantined> _quarantine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Quarantined> _collided = new(StringComparer.Ordinal);
    private readonly Dictionary<IngressKey, IngressContribution> _admitted = [];
    private readonly Dictionary<IngressKey, long> _changedAt = [];
    private long _changes;
    private bool _admittedOnce;

    /// <summary>Changed Ingresses of one namespace a pass takes (see remarks).</summary>
    public const int PassSharePerNamespace = 8;
    private readonly AppliedRules<HostRuleSnapshot> _appliedRules = new();
    private IReadOnlyList<HostRuleSnapshot> _hostRules = [];
    private readonly AppliedRules<HttpRuleSnapshot> _appliedHttpRules = new();
    private IReadOnlyList<HttpRuleSnapshot> _httpRules = [];
    private readonly AppliedRules<AviInfraSettingSnapshot> _appliedSettings = new();
    /// <summary>The version of this VS's AviInfraSetting its tree was last placed with: kept while the setting is being
    /// checked again, and after it is gone or Rejected while its Ingresses move their hosts away (make-before-break).</summary>
    private AviInfraSettingSnapshot? _placedWith;

    public SharedVsActor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry, IRequiredActor<IngressRegion> ingresses)
        : base("shared-vs", avi, kube, runtime, metrics, retry)
    {
        _key = EntityIds.ShardVs(entityId);
        // The VS's name says which family it is (AKO's <p>Shared-L7-<setting>-<n>): its own identity, not a proof of ownership.
        new AviNames(runtime.Settings.ClusterName).TryParseSharedL7VirtualService(_key.VsName, out _infraSetting, out _);
        _cluster = cluster;
        _ingresses = ingresses;
    }

    /// <summary>The entity's protocol, received in every state of the tree owner.</summary>
    protected override void ReceiveEntityMessages()
    {
        Receive<SharedVsProtocol.Contribute>(OnContribute);
        Receive<SharedVsProtocol.Retract>(OnRetract);
        Receive<SharedVsProtocol.Reconcile>(_ => Trigger());
        Receive<SharedVsProtocol.Resync>(_ =>
        {
            _rehydrated = false;
            Reread();
        });
        Receive<SharedVsProtocol.Observed>(observed =>
        {
            // The sweep is also when contributions are rebuilt from the cache, repairing any lost Ingress message.
            _rehydrated = false;
            Observe(observed.Objects);
            Trigger();
        });
        Receive<SharedVsProtocol.Stop>(_ =>
        {
            // A contribution that arrived after this VS asked to passivate would stop with it, and sharding restarts an
            // entity only for a message that waits: one is sent, and the next incarnation rebuilds every contribution.
            if (_contributions.Count > 0 && ActorRegistry.For(Context.System).TryGet<SharedVsRegion>(out var region)) region.Tell(new SharedVsProtocol.Reconcile(_key));
            RequestStop();
        });
        Receive<AdmitNext>(_ => Trigger());
        Receive<VipMoveCheck>(_ => OnVipMoveCheck());
    }

    public static Props PropsFor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry, IRequiredActor<IngressRegion> ingresses) =>
        Props.Create(() => new SharedVsActor(entityId, avi, cluster, kube, runtime, metrics, retry, ingresses));

    protected override string Describe => $"SharedVs {_key}";

    /// <summary>Shared VSes exist per tenant: this one serves the namespaces whose tenant is its key's.</summary>
    protected override string DesiredTenant => _key.Tenant;

    /// <summary>The tenant does not exist or this user may not use it: every Ingress asking for a host here hears why (their
    /// hosts stay where they are served now, if anywhere).</summary>
    protected override void OnTenantRefused(string tenant, string? stayingIn, AviError error)
    {
        var what = error.Status == 403
            ? $"the Avi user of this controller has no role in Avi tenant '{tenant}'"
            : $"Avi tenant '{tenant}' does not exist on the controller";
        ReportFailure("TenantUnusable",
            $"Hosts of this Ingress belong on the shared VSes of Avi tenant '{tenant}' ({(tenant == Runtime.Settings.TenantName ? "ControllerSettings.tenantName" : NamespaceSnapshot.TenantAnnotationKey + " on its namespace")}), " +
            $"but {what} ({error.Message}). Create the tenant or give the controller's user a role in it, or correct the annotation; until then its hosts are not moved there");
    }

    /// <summary>The shard VS's VIP is free again: LoadBalancer Services waiting for one try now.</summary>
    protected override void OnVipReleased() => Services.WaitingServices.Wake(Context.System, _cluster, Runtime.Settings);

    /// <summary>Shared by every namespace, so its calls queue under a key of their own.</summary>
    protected override string FairnessKey => $"shared-vs/{_key.VsName}";

    protected override TreeTranslation Translate(TranslationContext context)
    {
        if (!_rehydrated) Rehydrate(context);
        Admit();
        return TranslateWithout(new Dictionary<string, Quarantined>(), context);
    }

    private TreeTranslation TranslateWithout(IReadOnlyDictionary<string, Quarantined> collided, TranslationContext context)
    {
        _collided.Clear();
        foreach (var (host, collision) in collided) _collided[host] = collision;
        _hostRules = _appliedRules.Resolve(_cluster.GetHostRules());
        _httpRules = _appliedHttpRules.Resolve(_cluster.GetHttpRules());
        var contributions = _admitted.Values.Select(WithoutQuarantinedHosts).ToList();
        // The shard VS's own DNS name carries its tenant (<vs>.<tenant>.<sub-domain>), as AKO names it.
        var tenantContext = context.Settings.TenantName == _key.Tenant ? context : context with { Settings = context.Settings with { TenantName = _key.Tenant } };
        // An infra setting's VS: its name in every per-host object's name and in every object's markers, its placement on the tree.
        var familyContext = tenantContext.ForInfraSetting(_infraSetting);
        var translated = SharedVirtualServiceTranslator.Translate(_key.VsName, contributions, _cluster, familyContext, _hostRules, _httpRules);
        var placementProblems = EquatableArray<UserProblem>.Empty;
        if (PlacementSetting() is { } setting)
        {
            var placed = InfraSettingPlacement.Apply(translated.Tree, setting, familyContext);
            // What the setting cannot do here (a public IP off a public cloud) concerns every Ingress served on this VS.
            placementProblems = placed.Problems.Except(translated.Tree.Problems).ToEquatableArray();
            translated = translated with { Tree = placed };
        }
        else if (_infraSetting is not null && (!translated.Tree.Desired.IsEmpty || SettingAwaitingCheck()))
        {
            // Hosts for a setting this replica cannot place yet (its cache has not seen it Accepted for its spec): written with
            // the controller's own SE group and network, the vsvip would keep an address of the wrong network. Nothing is
            // written until it is; the setting's status change wakes this VS. Nor is anything deleted while the setting is
            // checked: an incarnation started meanwhile (restart, failover) hears no host from Ingresses that wait for the
            // check too, and an empty tree would take down what still serves them.
            Log.Info("Shared VS {ShardVs}: waiting for AviInfraSetting {InfraSetting} to be Accepted for its spec before writing", _key.VsName, _infraSetting);
            // The Ingresses waiting for the same check contributed nothing to the rebuild just made: the pass after the check
            // rebuilds again, or it would find no host (their contributions may arrive after it) and delete what serves them.
            _rehydrated = false;
            return TreeTranslation.Refused([]);
        }
        translated = translated with { Tree = MoveVipInPlace(translated.Tree, translated.Verdicts) };
        // Ingresses whose hosts the controller refused hear why, even when nothing of theirs is left on this VS.
        var verdicts = _contributions.Keys
            .Where(ingress => translated.Verdicts.ContainsKey(ingress) || SetAside().Any(q => q.Ingresses.Contains(ingress)))
            .ToDictionary(ingress => ingress, ingress =>
            {
                var verdict = translated.Verdicts.GetValueOrDefault(ingress) ?? ShardVerdict.None;
                var refused = SetAside().Where(q => q.Ingresses.Contains(ingress)).Select(q => q.Problem);
                var placement = verdict.ServedHosts.IsEmpty ? [] : placementProblems.AsEnumerable();
                return verdict with { Problems = verdict.Problems.Concat(refused).Concat(placement).ToEquatableArray() };
            });
        _latest = translated with { Verdicts = verdicts };
        return _latest.Tree;
    }

    /// <summary>The shared vsvip changes network in place, make-before-break (<see cref="VipNetworkMove"/>): its old entry stays
    /// until every Ingress with hosts here shows the new address in its status (read from this replica's informer cache, so a
    /// new incarnation finishing a move decides the same from what Kubernetes and the controller hold).</summary>
    private TreeTranslation MoveVipInPlace(TreeTranslation tree, IReadOnlyDictionary<IngressKey, ShardVerdict> verdicts)
    {
        var actual = OwnVsVip();
        return tree with
        {
            Desired = tree.Desired.Select(spec => spec is VsVipSpec vip && vip.Name == _key.VsName
                ? VipNetworkMove.Place(vip, actual, addresses => ShownEverywhere(addresses, verdicts))
                : spec).ToEquatableArray(),
        };
    }

    /// <summary>Every Ingress with hosts served here shows <paramref name="addresses"/>, and only them, for those hosts.</summary>
    private bool ShownEverywhere(IReadOnlyList<string> addresses, IReadOnlyDictionary<IngressKey, ShardVerdict> verdicts) =>
        addresses.Count > 0 &&
        verdicts.Where(v => !v.Value.ServedHosts.IsEmpty).All(v =>
            _cluster.GetIngress(v.Key) is { } ingress &&
            v.Value.ServedHosts.All(host => ingress.Status.Where(s => s.Hostname == host).Select(s => s.Ip).ToHashSet(StringComparer.Ordinal) is var shown &&
                shown.SetEquals(addresses)));

    private VsVipSpec? OwnVsVip() => Own(new AviRef(AviObjectTypes.VsVip, _key.VsName))?.Spec as VsVipSpec;

    /// <summary>The addresses this VS's Ingresses are to show: during a VIP network move, the new entry's once allocated.</summary>
    private IReadOnlyList<string> ServingVips()
    {
        var wanted = _latest?.Tree.Desired.OfType<VsVipSpec>().FirstOrDefault(v => v.Name == _key.VsName);
        var actual = OwnVsVip();
        return wanted is null ? actual?.ShownAddresses ?? [] : VipNetworkMove.ServingAddresses(wanted, actual);
    }

    /// <summary>A move waits for the Ingresses' statuses, which this VS is not told about: look again until they show it.</summary>
    private void WatchVipMove()
    {
        var wanted = _latest?.Tree.Desired.OfType<VsVipSpec>().FirstOrDefault(v => v.Name == _key.VsName);
        // (One entry per VIP network, on AWS, Azure and OpenStack, is never a move.)
        if (wanted is not null && wanted.SubnetVips.IsEmpty && VipNetworkMove.IsMoving(wanted.Network, OwnVsVip()))
        {
            Timers.StartSingleTimer(VipMoveTimer, VipMoveCheck.Instance, Retry.MinBackoff);
        }
        else
        {
            Timers.Cancel(VipMoveTimer);
        }
    }

    private void OnVipMoveCheck()
    {
        var wanted = _latest?.Tree.Desired.OfType<VsVipSpec>().FirstOrDefault(v => v.Name == _key.VsName);
        if (wanted is null || !wanted.SubnetVips.IsEmpty || !VipNetworkMove.IsMoving(wanted.Network, OwnVsVip())) return;
        if (ShownEverywhere(ServingVips(), _latest!.Verdicts)) Trigger();
        else Timers.StartSingleTimer(VipMoveTimer, VipMoveCheck.Instance, Retry.MinBackoff);
    }

    private const string VipMoveTimer = "vip-move";

    private bool SettingAwaitingCheck() =>
        _cluster.GetAviInfraSettings().Any(s => s.Key.Name == _infraSetting && s.IsAwaitingCheck());

    private AviInfraSettingSnapshot? PlacementSetting()
    {
        if (_infraSetting is null) return null;
        var applied = _appliedSettings.Resolve(_cluster.GetAviInfraSettings()).FirstOrDefault(s => s.Key.Name == _infraSetting);
        if (applied is not null) _placedWith = applied;
        return _placedWith;
    }

    protected override IEnumerable<AviRef> BaseRefs(TranslationContext context)
    {
        yield return new AviRef(AviObjectTypes.VsVip, _key.VsName);
        yield return new AviRef(AviObjectTypes.HttpPolicySet, _key.VsName);
        yield return new AviRef(AviObjectTypes.VirtualService, _key.VsName);
    }

    protected override void OnConverged(TreeTranslation translation)
    {
        _failure = null;
        TellContributors();
        WatchVipMove();
        if (Waiting().Any()) Self.Tell(AdmitNext.Instance);
        if (_contributions.Count == 0 && !OwnsAnything && !IsBusy)
        {
            // No Ingress has a host here and the tree is gone (its VIP released): nothing left to own.
            Passivate(SharedVsProtocol.Stop.Instance);
        }
    }

    /// <summary>Problems of individual Ingresses travel in their verdicts; the VS itself has none of its own.</summary>
    protected override void Report(IReadOnlyList<UserProblem> problems, bool refused)
    {
    }

    /// <summary>A refusal of the shared tree concerns every Ingress on it: each is told, with the controller's message.</summary>
    protected override void ReportFailure(string reason, string message)
    {
        Log.Warning("Shared VS {ShardVs}: {Problem}", _key.VsName, message);
        _failure = new UserProblem(reason, message);
        TellContributors();
    }

    /// <summary>A refused object that belongs to one host (its certificate, SNI child, pools) takes only that host out, until
    /// what the Ingresses ask for that host changes; the other hosts of this VS keep converging.</summary>
    protected override bool Isolate(AviOperation failed, AviError error)
    {
        var spec = failed switch
        {
            CreateOperation create => create.Spec,
            UpdateOperation update => update.Spec,
            _ => null,
        };
        var host = spec?.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.HostKey)?.Values.FirstOrDefault();
        if (host is null) return false;
        var ingresses = _contributions.Values.Where(c => c.Hosts.Any(h => h.Host == host)).Select(c => c.Ingress).ToHashSet();
        var problem = new UserProblem("AviRejected",
            $"The Avi Controller refused {failed.Target} for host {host}: {error.Message}. The host is not served until its Ingress or Secret changes");
        _quarantine[host] = new Quarantined(Signature(host), ingresses, problem);
        Log.Warning("Shared VS {ShardVs}: {Problem}", _key.VsName, problem.Message);
        return true;
    }

    /// <summary>Objects of this tree are per host (<c>Host</c> marker) or the VS's own parents (no claim); an object claimed
    /// for a Service (an L4 VS whose name an SNI child would take) is never this VS's. An AviInfraSetting's VS owns only objects
    /// whose <c>InfrasettingName</c> marker names its setting, the controller's own VS only objects whose markers name none.</summary>
    protected override bool IsOwnClaim(AviClaim claim, AviObjectSpec spec) =>
        claim.Kind is AviClaimKind.Host or AviClaimKind.None && AviOwnership.InfraSettingOf(spec) == _infraSetting;

    /// <summary>A host whose objects would take names another Kubernetes object holds on the controller (an SNI child
    /// <c>&lt;cluster&gt;--col-web</c> against Service <c>col/web</c>'s VS) is set aside with a NameCollision Warning to its
    /// Ingresses; the holder keeps its objects untouched and every other host converges. The host comes back on its own
    /// once the holder's objects are gone. A collision on the VS's own parents (someone else's object named like the shard
    /// VS) stops this tree with a Warning to every Ingress on it.</summary>
    protected override TreeTranslation? OnNameCollision(TreeTranslation translation, IReadOnlyList<AviObjectState> foreign, TranslationContext context)
    {
        var collided = new Dictionary<string, Quarantined>(StringComparer.Ordinal);
        foreach (var holder in foreign)
        {
            var wanted = translation.Desired.First(d => d.Ref == holder.Ref);
            if (AviClaim.Of(wanted) is not { Kind: AviClaimKind.Host, Value: var host })
            {
                ReportFailure("NameCollision",
                    $"{holder.Ref} is on the controller for {Holder(holder, context)}; shared VS {_key.VsName} cannot be written until it is renamed or removed there");
                return null;
            }
            var ingresses = _contributions.Values.Where(c => c.Hosts.Any(h => h.Host == host)).Select(c => c.Ingress).ToHashSet();
            var problem = new UserProblem("NameCollision",
                $"Host {host} would use the Avi name {holder.Ref.Name} ({holder.Ref.Type}), which the controller already holds for " +
                $"{Holder(holder, context)}. AKO's naming (<cluster>--<host>, <cluster>--<namespace>-<name>) gives both the same " +
                "name; the holder keeps it untouched. Rename the host or the other object; until then this host is not served");
            collided[host] = new Quarantined(Signature(host), ingresses, problem);
            Log.Warning("Shared VS {ShardVs}: {Problem}", _key.VsName, problem.Message);
        }
        return TranslateWithout(collided, context);
    }

    private string Holder(AviObjectState holder, TranslationContext context) =>
        !context.Ownership.Owns(holder.Spec)
            ? $"an object this cluster did not create (created_by {holder.Spec.Meta.CreatedBy ?? "none"})"
            : AviOwnership.InfraSettingOf(holder.Spec) is var setting && setting != _infraSetting
                ? $"{AviClaim.Of(holder.Spec)}, marked for {(setting is null ? "no AviInfraSetting (the controller's own shared VSes)" : "AviInfraSetting " + setting)}"
                : AviClaim.Of(holder.Spec).ToString();

    private IEnumerable<Quarantined> SetAside() => _quarantine.Values.Concat(_collided.Values);

    private IngressContribution WithoutQuarantinedHosts(IngressContribution contribution)
    {
        if (_quarantine.Count == 0 && _collided.Count == 0) return contribution;
        var kept = contribution.Hosts.Where(h => !_collided.ContainsKey(h.Host) && !IsQuarantined(h.Host)).ToEquatableArray();
        return kept.Count == contribution.Hosts.Count ? contribution : contribution with { Hosts = kept };
    }

    private bool IsQuarantined(string host)
    {
        if (!_quarantine.TryGetValue(host, out var quarantined)) return false;
        if (quarantined.Signature == Signature(host)) return true;
        _quarantine.Remove(host);
        return false;
    }

    /// <summary>Everything the Ingresses and the HostRule applied to it ask for one host; a change lifts that host's quarantine.</summary>
    private string Signature(string host) =>
        string.Join("|", _contributions.Values.OrderBy(c => c.Ingress.ToString(), StringComparer.Ordinal)
            .SelectMany(c => c.Hosts.Where(h => h.Host == host).Select(h => $"{c.Ingress}:{h}"))) +
        (HostRuleSelection.For(host, _hostRules) is { } rule ? $"|hostrule {rule.Key}:{rule.GetHashCode()}" : string.Empty) +
        string.Concat(_httpRules.Where(r => r.Fqdn == host).Select(r => $"|httprule {r.Key}:{r.GetHashCode()}"));

    private sealed record Quarantined(string Signature, HashSet<IngressKey> Ingresses, UserProblem Problem);

    /// <summary>Takes this pass's share of the waiting changes into the tree to write (everything on an incarnation's first pass).</summary>
    private void Admit()
    {
        var admitted = _admittedOnce
            ? Waiting().GroupBy(k => k.Namespace, StringComparer.Ordinal)
                .SelectMany(g => g.OrderBy(k => _changedAt.GetValueOrDefault(k)).Take(PassSharePerNamespace))
                .ToList()
            : Waiting().ToList();
        _admittedOnce = true;
        foreach (var key in admitted)
        {
            if (_contributions.TryGetValue(key, out var contribution)) _admitted[key] = contribution;
            else _admitted.Remove(key);
            _changedAt.Remove(key);
        }
    }

    /// <summary>Ingresses whose contribution differs from the one the tree is built from (new, changed or retracted).</summary>
    private IEnumerable<IngressKey> Waiting() =>
        _contributions.Keys.Union(_admitted.Keys)
            .Where(k => !Equals(_contributions.GetValueOrDefault(k), _admitted.GetValueOrDefault(k)));

    private void OnContribute(SharedVsProtocol.Contribute message)
    {
        var contribution = message.Contribution;
        _stamps[contribution.Ingress] = message.Stamp;
        if (_contributions.TryGetValue(contribution.Ingress, out var known) && known == contribution)
        {
            // Nothing to write, but the sender (perhaps a new incarnation that knows nothing) is told where it stands.
            _told.Remove(contribution.Ingress);
            if (!IsBusy) TellContributors(contribution.Ingress);
            return;
        }
        if (contribution.IsEmpty) _contributions.Remove(contribution.Ingress);
        else _contributions[contribution.Ingress] = contribution;
        _changedAt.TryAdd(contribution.Ingress, ++_changes);
        Trigger();
    }

    private void OnRetract(SharedVsProtocol.Retract message)
    {
        // Answered at once: from here on this VS's own retries carry the removal to the controller.
        if (message.Answer) Sender.Tell(new IngressProtocol.Retracted(message.Ingress, _key.VsName) { Tenant = _key.Tenant });
        // Every Ingress retracts from every shard when it starts, so a retraction of nothing must cost nothing.
        _stamps.Remove(message.Ingress);
        if (!_contributions.Remove(message.Ingress) && _rehydrated) return;
        _changedAt.TryAdd(message.Ingress, ++_changes);
        _told.Remove(message.Ingress);
        Trigger();
    }

    /// <summary>Rebuilds every contribution from this replica's informer cache (the same translation the Ingress actors run):
    /// the Ingresses of this VS's tenant, and those whose namespace names another tenant but whose AKO tenant annotation
    /// still names this one — a move from here not finished (the new tenant refused, or not yet serving): their hosts stay
    /// here until the Ingress retracts them. For the same reason a rebuild of a live VS (the sweep's) keeps what an Ingress
    /// moving to another tenant or AviInfraSetting contributed while its host map still names a VS of this tree: the Ingress
    /// retracts it once the new place serves, and dropping it here would take its hosts down while the new place cannot.</summary>
    private void Rehydrate(TranslationContext context)
    {
        var before = new Dictionary<IngressKey, IngressContribution>(_contributions);
        _contributions.Clear();
        _stamps.Clear();
        foreach (var ingressKey in _cluster.IngressKeys().Where(ServedFromThisTenant))
        {
            var translation = IngressTranslator.Translate(_cluster.GetIngress(ingressKey), _cluster, context);
            if (translation.ByVirtualService.TryGetValue(_key.VsName, out var contribution)) _contributions[ingressKey] = contribution;
        }
        foreach (var (ingressKey, contribution) in before.Where(kv => !_contributions.ContainsKey(kv.Key) && StillServedHere(kv.Key)))
        {
            _contributions[ingressKey] = contribution;
        }
        _rehydrated = true;
        Log.Info("Shared VS {ShardVs}: rebuilt {Contributions} Ingress contribution(s) from the informer cache", _key.VsName, _contributions.Count);
    }

    /// <summary>The Ingress still exists and its status shows this VS's VIP, or its AKO host map names a VS of this tree: the
    /// hosts are served from here (the new place has not taken over), whatever its namespace or class says now.</summary>
    private bool StillServedHere(IngressKey ingress)
    {
        if (_cluster.GetIngress(ingress) is not { IsDeleting: false } snapshot) return false;
        if (OwnVsVip() is { } vsvip && vsvip.EffectiveVips.Any(e => e.ShownAddresses.Append(e.Address).Any(vip => vip is not null && snapshot.Status.Any(s => s.Ip == vip)))) return true;
        var serving = AkoVsAnnotations.ServingUuids(snapshot.Annotations);
        return serving.Count > 0 && Actual.Values.Any(state => state.Ref.Type == AviObjectTypes.VirtualService && state.Uuid is { } uuid && serving.Contains(uuid) &&
            Own(state.Ref) is not null);
    }

    private bool ServedFromThisTenant(IngressKey ingress) =>
        TenantPlacement.TenantOf(_cluster.GetNamespace(ingress.Namespace), Runtime.Settings) == _key.Tenant ||
        _cluster.GetIngress(ingress)?.Annotations.GetValueOrDefault(AkoVsAnnotations.TenantKey) == _key.Tenant;

    /// <summary>Which VS serves each host, as AKO's annotation names it: the SNI child of a TLS host, else the shared parent.
    /// A host whose VS has no uuid yet (not created) is left out until it has one.</summary>
    private static EquatableArray<HostVirtualService>? ServingVirtualServices(ShardVerdict verdict, Func<string, string?> servingUuid)
    {
        var serving = verdict.ServedHosts
            .Select(host => servingUuid(host) is { } uuid ? new HostVirtualService(host, uuid) : null)
            .OfType<HostVirtualService>()
            .ToEquatableArray();
        return serving.IsEmpty ? null : serving;
    }

    /// <summary>The uuid of the VS that serves a host now (see <see cref="ServingVirtualServices"/>), looked up once per VS
    /// for the whole round of statuses: a shard carries hundreds of hosts, and each lookup proves ownership.</summary>
    private Func<string, string?> ServingUuidLookup()
    {
        var names = Runtime.Context!.ForInfraSetting(_infraSetting).Names;
        HashSet<string>? desired = null;
        var uuids = new Dictionary<string, string?>(StringComparer.Ordinal);
        return host =>
        {
            desired ??= _latest!.Tree.Desired.Where(s => s.Type == AviObjectTypes.VirtualService).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var vsName = desired.Contains(names.SniChild(host)) ? names.SniChild(host) : _key.VsName;
            if (!uuids.TryGetValue(vsName, out var uuid)) uuids[vsName] = uuid = Own(new AviRef(AviObjectTypes.VirtualService, vsName))?.Uuid;
            return uuid;
        };
    }

    /// <summary>Tells each contributing Ingress (or only <paramref name="only"/>) where it stands, when that changed.</summary>
    private void TellContributors(IngressKey? only = null)
    {
        if (_latest is null) return;
        var vips = ServingVips();
        var servingUuid = ServingUuidLookup();
        // Only the contributions the converged tree was built from: one that arrived during the write is told after its own pass.
        IEnumerable<KeyValuePair<IngressKey, ShardVerdict>> verdicts = only is not { } one ? _latest.Verdicts
            : _latest.Verdicts.TryGetValue(one, out var itsVerdict) ? [new(one, itsVerdict)] : [];
        foreach (var (ingress, realised) in verdicts)
        {
            // An Ingress whose change waits for a later pass hears nothing yet: what it would hear is its old contribution's.
            if (!_contributions.TryGetValue(ingress, out var current) || !Equals(_admitted.GetValueOrDefault(ingress), current)) continue;
            var verdict = realised;
            if (_failure is { } failure) verdict = verdict with { Problems = verdict.Problems.Append(failure).ToEquatableArray() };
            // Vip stays the first address, all a replica of an earlier version reads; Vips carries them all.
            var status = new IngressProtocol.ShardStatus(ingress, _key.VsName, vips.FirstOrDefault(), verdict, _stamps.GetValueOrDefault(ingress), ServingVirtualServices(verdict, servingUuid))
            {
                Tenant = _key.Tenant,
                Vips = vips.Count > 1 ? vips.ToEquatableArray() : null,
            };
            if (_told.TryGetValue(ingress, out var told) && told == status) continue;
            _told[ingress] = status;
            _ingresses.ActorRef.Tell(status);
        }
    }

    /// <summary>Look whether the Ingresses show a moved VIP's new address yet.</summary>
    private sealed class VipMoveCheck : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static readonly VipMoveCheck Instance = new();
    }

    /// <summary>Changes are still waiting after a pass: start the next one (after the current pass has finished).</summary>
    private sealed class AdmitNext : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static readonly AdmitNext Instance = new();
    }
}
