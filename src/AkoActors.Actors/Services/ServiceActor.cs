using Akka.Actor;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.L4Rules;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.StatusWriting;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Tenancy;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Services;

/// <summary>The single writer of one LoadBalancer Service's L4 tree (vsvip, pools, L4 policy set, VS) and of its status.</summary>
/// <remarks>The tree mechanics (read, plan, coalesce, retry, safe stop) are <see cref="AviTreeOwnerActor"/>'s; this actor
/// adds the L4 translation, the Service's load-balancer status and AKO's events.</remarks>
public sealed class ServiceActor : AviTreeOwnerActor
{
    private readonly ServiceKey _key;
    private readonly IClusterState _cluster;
    private readonly Dictionary<ServiceKey, LoadBalancerStatusTracker> _statuses = [];
    private readonly Dictionary<ServiceKey, AkoAnnotationsTracker> _annotations = [];
    private readonly ServiceL4Rule _l4Rule = new();
    private IReadOnlyList<SharedVipMember> _sharedVipServed = [];
    private readonly AttachedInfraSetting _infraSetting = new();
    private LoadBalancerIngressStatus[] _shown = [];
    private bool _handled;
    private string? _tenantRefusal;
    private string? _rememberedVip;
    private string[] _rememberedAddresses = [];
    private string? _softAsked;
    private string? _softRefused;
    private string? _takenAddress;
    private string? _addressRefusal;
    private bool _probeAddress;
    private YieldedAddress? _yielded;
    private bool _yielding;
    private string? _unrivalled;

    public ServiceActor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube,
        ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry)
        : base("service", avi, kube, runtime, metrics, retry)
    {
        _key = EntityIds.Service(entityId);
        _cluster = cluster;
    }

    /// <summary>The entity's protocol, received in every state of the tree owner.</summary>
    protected override void ReceiveEntityMessages()
    {
        // The router's safety net only makes sure this owner runs; running, it has nothing to do (it looked when it started).
        Receive<ServiceProtocol.Reconcile>(reconcile => reconcile.OnlyStart == true, _ => { });
        Receive<ServiceProtocol.Reconcile>(_ =>
        {
            // Any outside nudge (a VIP released, an input changed, the slow retry) asks for a taken address once more.
            _probeAddress = _takenAddress is not null;
            Trigger();
        });
        Receive<ServiceProtocol.Resync>(_ => Reread());
        // The sweep reads ControllerSettings.tenantName only: what it found says nothing about a tree in another tenant.
        Receive<ServiceProtocol.Observed>(observed => Tenant == Runtime.Settings.TenantName, observed => Observe(observed.Objects));
        Receive<ServiceProtocol.Observed>(_ => { });
        Receive<StatusPatched>(OnStatusPatched);
        Receive<AnnotationsPatched>(OnAnnotationsPatched);
        Receive<ServiceProtocol.Stop>(_ => RequestStop());
    }

    protected override string Describe => $"Service {_key}";

    protected override string FairnessKey => _key.Namespace;

    /// <summary>The namespace's <c>ako.vmware.com/tenant-name</c>, else ControllerSettings.tenantName.</summary>
    protected override string DesiredTenant => TenantPlacement.TenantOf(_cluster.GetNamespace(_key.Namespace), Runtime.Settings);

    /// <summary>The old tenant's tree goes once the Service shows the new tree's VIP (or no longer wants one).</summary>
    protected override bool ReadyToRetire =>
        !_handled || _cluster.GetService(_key) is not { IsDeleting: false } service || (_shown.Length > 0 && service.Status.SequenceEqual(_shown));

    protected override void OnTenantRefused(string tenant, string? stayingIn, AviError error)
    {
        var what = error.Status == 403
            ? $"the Avi user of this controller has no role in Avi tenant '{tenant}'"
            : $"Avi tenant '{tenant}' does not exist on the controller";
        var source = tenant == Runtime.Settings.TenantName
            ? "ControllerSettings.tenantName"
            : $"{NamespaceSnapshot.TenantAnnotationKey} on namespace {_key.Namespace}";
        var message = $"Service {_key} belongs in Avi tenant '{tenant}' ({source}), but {what} " +
                      $"({error.Message}). Create the tenant or give the controller's user a role in it, or correct {source}; " +
                      (stayingIn is null ? "until then Service " + _key + " gets no VIP" : $"until then Service {_key} stays in tenant '{stayingIn}', unchanged");
        if (message == _tenantRefusal) return;
        _tenantRefusal = message;
        ReportFailure("TenantUnusable", message);
    }

    protected override void OnTenantMoved(string previous)
    {
        _tenantRefusal = null;
        Record(Target, KubeEvent.NormalEvent("TenantMoved", $"Service {_key} is now served from Avi tenant '{Tenant}'; its objects in tenant '{previous}' are deleted"));
    }

    /// <summary>The actor's props; the host builds them through DI, tests directly.</summary>
    public static Props PropsFor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry) =>
        Props.Create(() => new ServiceActor(entityId, avi, cluster, kube, runtime, metrics, retry));

    protected override TreeTranslation Translate(TranslationContext context)
    {
        if (_key.SharedVipKey is not null)
        {
            // As AKO, the group's first member names the AviInfraSetting and the L4Rule the group takes (events on every member).
            var members = SharedVipTranslator.Members(_key, _cluster, Runtime.Settings);
            var lead = SharedVipTranslator.Lead(members);
            var groupRule = _l4Rule.Resolve(lead, _cluster, e => { foreach (var target in Targets) Record(target, e); });
            var shared = SharedVipTranslator.Translate(_key, members, _cluster.GetEndpointSlices,
                Runtime.Settings.ServiceType == PoolServerMode.NodePort ? _cluster.GetNodes() : [], context, _cluster.GetNamespace(_key.Namespace),
                _infraSetting.Resolve(lead, _cluster, e => { foreach (var target in Targets) Record(target, e); }), groupRule);
            _sharedVipServed = shared.Served;
            if (shared.Tree.Outcome != TranslationOutcome.Desired || shared.Tree.Desired.OfType<VsVipSpec>().FirstOrDefault() is not { } groupVip) return shared.Tree;
            var served = shared.Served.Select(m => _cluster.GetService(m.Service)).OfType<ServiceSnapshot>().ToList();
            return MoveVipInPlace(shared.Tree, groupVip, Own(new AviRef(AviObjectTypes.VsVip, groupVip.Name))?.Spec as VsVipSpec, served);
        }
        var service = _cluster.GetService(_key);
        // Only a Service this controller serves has an L4Rule applied (and events about it).
        // A shared-VIP member's rule and setting are its group's owner's to apply.
        var servedAlone = service is not null && L4ServiceTranslator.SharedVipKeyOf(service) is null &&
                          L4ServiceTranslator.IsHandled(service, _cluster.GetNamespace(_key.Namespace), Runtime.Settings);
        var l4Rule = _l4Rule.Resolve(servedAlone ? service : null, _cluster, e => Record(Target, e));
        var infraSetting = _infraSetting.Resolve(service, _cluster, servedAlone ? e => Record(Target, e) : null);
        var translation = L4RuleApplication.Apply(L4ServiceTranslator.Translate(
            service is null ? null : L4RuleApplication.Requested(service, l4Rule),
            _cluster.GetEndpointSlices(_key),
            Runtime.Settings.ServiceType == PoolServerMode.NodePort ? _cluster.GetNodes() : [],
            _cluster.GetNamespace(_key.Namespace),
            context,
            infraSetting.VipNetwork), l4Rule);
        translation = AttachedInfraSetting.Place(translation, infraSetting, context);
        _softAsked = null;
        if (translation.Outcome != TranslationOutcome.Desired || translation.Desired.OfType<VsVipSpec>().FirstOrDefault() is not { } vip) return translation;
        var own = Own(new AviRef(AviObjectTypes.VsVip, vip.Name))?.Spec as VsVipSpec;
        if (vip.PreferredIp is { } pinned)
        {
            if (_takenAddress != pinned || own?.AllocatedIp == pinned || own?.AllocatedIp6 == pinned)
            {
                _takenAddress = null;
                _addressRefusal = null;
                return translation;
            }
            // The address is another VIP's, or the controller refuses it (outside the network's VIP ranges): nothing of this
            // tree is kept (no pool left behind); a nudge asks for the vsvip alone, so a refusal again leaves nothing either.
            var problem = _addressRefusal is null
                ? new UserProblem("LoadBalancerIPInUse",
                    $"Service {_key} asks for {pinned} (loadBalancerIP), which the Avi Controller has allocated to another VIP. It gets no VIP until " +
                    "that address is released (tried again at once when this controller releases a VIP, else every few minutes); or ask for another address")
                : new UserProblem("LoadBalancerIPRefused",
                    $"Service {_key} asks for {pinned} (loadBalancerIP), which the Avi Controller refuses: {_addressRefusal}. It gets no VIP; ask for an " +
                    "address inside the VIP network's static ranges, or remove the request (tried again every few minutes, in case the ranges change)");
            return translation with
            {
                Desired = _probeAddress ? new AviObjectSpec[] { vip }.ToEquatableArray() : EquatableArray<AviObjectSpec>.Empty,
                Problems = translation.Problems.Append(problem).ToEquatableArray(),
            };
        }
        var decision = DecideAddress(own, service, pinned: null);
        if (decision.Action == AddressYieldAction.Yield) return Yield(translation, decision.Rival!.Address, decision.Rival);
        if (decision.Action == AddressYieldAction.Wait)
        {
            _yielding = false;
            Timers.StartSingleTimer(AddressYieldTimer, new ServiceProtocol.Reconcile(_key), AddressYield.Recheck);
            return WithoutVip(translation);
        }
        if (own is null) _yielding = false;
        // A tree made again (controller wiped, deleteConfig true → false) asks for the address the Service still shows or
        // last had, so people keep their address where the controller allows; IPAM chooses when someone else has it now.
        if (own is null && (service?.Status.FirstOrDefault()?.Ip ?? _rememberedVip) is { } remembered && remembered != _softRefused)
        {
            _softAsked = remembered;
            return translation with { Desired = translation.Desired.Select(d => d == vip ? vip with { PreferredIp = remembered } : d).ToEquatableArray() };
        }
        return MoveVipInPlace(translation, vip, own, service is null ? [] : [service]);
    }

    /// <summary>A VIP wanted on another network (an AviInfraSetting attached, changed or detached) moves make-before-break,
    /// in the vsvip itself (<see cref="VipNetworkMove"/>): an entry on the new network is added beside the old one, the
    /// Service's status moves to its address once the controller allocated it, and the old entry (its address released)
    /// goes once the status shows the new one. The VS is never deleted, so the Service is served throughout. Another tier-1
    /// router is another routing domain, where the VIP is made again. A shared-VIP group's VIP moves the same way, its old
    /// entry dropped once every member it serves shows the new address.</summary>
    /// <param name="shownBy">The Services whose status must show the new address first: this one, or the group's members.</param>
    private TreeTranslation MoveVipInPlace(TreeTranslation translation, VsVipSpec vip, VsVipSpec? own, IReadOnlyList<ServiceSnapshot> shownBy)
    {
        // One entry per VIP network by subnet (AWS, Azure, OpenStack) is added and dropped in place already.
        if (own is null || (own.AllocatedIp ?? own.AllocatedIp6) is null || own.Tier1Lr != vip.Tier1Lr || shownBy.Count == 0 || !vip.SubnetVips.IsEmpty) return translation;
        if (own.EffectiveVips.All(e => !e.IsAllocated || vip.Network.IsSatisfiedBy(e.Network))) return translation;
        var moved = VipNetworkMove.Place(vip, own, addresses =>
            addresses.Count > 0 && shownBy.All(service => !service.Status.IsEmpty && service.Status.All(s => s.Ip == addresses[0])));
        return translation with { Desired = translation.Desired.Select(d => d == vip ? moved : d).ToEquatableArray() };
    }

    /// <summary>During a VIP network move, the address the status shows: the new entry's once allocated, else the old one's.</summary>
    private static LoadBalancerIngressStatus? MovingStatus(VsVipSpec wanted, VsVipSpec? actual) =>
        VipNetworkMove.ServingAddress(wanted.Network, actual) is { } address ? new LoadBalancerIngressStatus(address, actual!.Fqdns.FirstOrDefault()) : null;

    private const string AddressYieldTimer = "address-yield";

    /// <summary>Whether this Service keeps the addresses its vsvip holds (IPv4 and IPv6, each looked at on its own), gives them
    /// back or waits (see <see cref="AddressYield"/>); the claims of the other Services are read only when the answer can
    /// depend on them.</summary>
    private AddressYieldDecision DecideAddress(VsVipSpec? own, ServiceSnapshot? service, string? pinned)
    {
        if (_key.SharedVipKey is not null || service is null) return AddressYieldDecision.Proceed;
        var shown = service.Status.Select(s => s.Ip).OfType<string>().ToList();
        var allocated = own is null ? [] : new[] { own.AllocatedIp, own.AllocatedIp6 }.Select(AddressClaims.Canonical).OfType<string>().ToList();
        var held = string.Join(",", allocated);
        if (allocated.Count == 0 ? _yielded is null : shown.Count > 0 || held == _unrivalled) return AddressYieldDecision.Proceed;
        var now = Runtime.Time.GetUtcNow();
        var decision = AddressYieldDecision.Proceed;
        if (allocated.Count == 0)
        {
            var claims = pinned is null ? AddressClaims.On(_cluster, Runtime.Context!, _key, _yielded!.Address) : [];
            decision = AddressYield.Decide(null, pinned, shown.FirstOrDefault() ?? _rememberedVip, shown, _yielded, claims, now);
        }
        foreach (var address in allocated)
        {
            var claims = pinned is null ? AddressClaims.On(_cluster, Runtime.Context!, _key, address) : [];
            var remembered = _rememberedAddresses.Contains(address) ? address : _rememberedVip;
            decision = AddressYield.Decide(address, pinned, remembered, shown, _yielded, claims, now);
            if (decision.Action != AddressYieldAction.Proceed) break;
        }
        // Looked at once per allocation: the passes until the status shows it (a few ms) do not scan the cache again.
        _unrivalled = allocated.Count > 0 && decision.Action == AddressYieldAction.Proceed ? held : null;
        return decision;
    }

    /// <summary>The address the Service itself asks for in this translation (not the one it last had, asked for again).</summary>
    private string? PinnedIn(TreeTranslation translation) =>
        translation.Desired.OfType<VsVipSpec>().FirstOrDefault()?.PreferredIp is { } asked && asked != _softAsked ? asked : null;

    /// <summary>Gives back the address IPAM just handed this Service's vsvip, which <paramref name="rival"/> asks for: the VS
    /// and vsvip go (the pools stay), the status never shows the address, and the Service asks IPAM again once the rival has
    /// it. Deleting the vsvip wakes the Services waiting for an address, the rival among them.</summary>
    private TreeTranslation Yield(TreeTranslation translation, string address, AddressClaim rival)
    {
        if (!_yielding)
        {
            _yielding = true;
            _yielded = new YieldedAddress(address, rival, Runtime.Time.GetUtcNow(), (_yielded?.Address == address ? _yielded.Count : 0) + 1);
            var why = rival.Kind == AddressClaimKind.Pinned ? "asks for it" : "still shows it and asks for it again";
            Log.Info("Service {Service}: the controller gave it {Address}, which Service {Rival} {Why}; giving it back (time {Count})", _key, address,
                rival.Service, why, _yielded.Count);
            Record(Target, KubeEvent.NormalEvent("VipAddressYielded",
                $"Service {_key} was given {address} by the Avi Controller, which Service {rival.Service} {why}; it gives the address back and gets another one"));
        }
        // Asking for it again as the address it last had would take it back.
        _softRefused = address;
        Timers.StartSingleTimer(AddressYieldTimer, new ServiceProtocol.Reconcile(_key), AddressYield.Recheck);
        return WithoutVip(translation);
    }

    /// <summary>The tree without its VS and vsvip: no address held, the pools and policy set kept for when it gets one.</summary>
    private static TreeTranslation WithoutVip(TreeTranslation translation) => translation with
    {
        Desired = translation.Desired.Where(d => d.Type is not (AviObjectTypes.VsVip or AviObjectTypes.VirtualService)).ToEquatableArray(),
    };

    /// <summary>A refused vsvip address: the one this Service last had is given up (IPAM chooses); a loadBalancerIP another
    /// VIP holds, or one the controller refuses (outside the network's VIP ranges), leaves this Service without a tree —
    /// nothing of it on the controller — until the address is released or the request changes.</summary>
    protected override bool Isolate(AviOperation failed, AviError error)
    {
        if (failed is not CreateOperation { Spec: VsVipSpec { PreferredIp: { } asked } }) return false;
        if (asked == _softAsked)
        {
            Log.Info("Service {Service}: its previous address {Address} is not available ({AviError}); the controller chooses one", _key, asked, error);
            _softRefused = asked;
            return true;
        }
        if (error.Kind != AviErrorKind.AddressInUse && error is not { Kind: AviErrorKind.Rejected, Status: 400 }) return false;
        if (error.Kind == AviErrorKind.AddressInUse) Log.Warning("Service {Service}: {Address} is another VIP's ({AviError}); waiting for it to be released", _key, asked, error);
        else Log.Warning("Service {Service}: the controller refuses the address {Address} it asks for ({AviError})", _key, asked, error);
        _takenAddress = asked;
        _addressRefusal = error.Kind == AviErrorKind.AddressInUse ? null : error.Message;
        _probeAddress = false;
        Timers.StartSingleTimer("address-retry", new ServiceProtocol.Reconcile(_key), Retry.NoFreeIpsRetry);
        return true;
    }

    /// <summary>A VIP this Service had is free again: Services waiting for one try now.</summary>
    protected override void OnVipReleased() => WaitingServices.Wake(Context.System, _cluster, Runtime.Settings);

    /// <summary>The objects this Service has whatever its ports: vsvip, VS and L4 policy set share the VS name.</summary>
    protected override IEnumerable<AviRef> BaseRefs(TranslationContext context)
    {
        var name = VirtualServiceName(context);
        yield return new AviRef(AviObjectTypes.VsVip, name);
        yield return new AviRef(AviObjectTypes.L4PolicySet, name);
        yield return new AviRef(AviObjectTypes.VirtualService, name);
    }

    /// <summary>The VS, vsvip and policy set name: the Service's, or the shared-VIP group's.</summary>
    private string VirtualServiceName(TranslationContext context) =>
        _key.SharedVipKey is null ? context.Names.L4VirtualService(_key) : SharedVipTranslator.VirtualServiceName(_key, context.Names);

    /// <summary>Brings the status in line with the VIP (every member's, for a shared-VIP group), and leaves when there is
    /// nothing left to own.</summary>
    protected override void OnConverged(TreeTranslation translation)
    {
        var handled = translation.Outcome == TranslationOutcome.Desired;
        _handled = handled;
        var vipName = VirtualServiceName(Runtime.Context!);
        var ownVip = Own(new AviRef(AviObjectTypes.VsVip, vipName))?.Spec as VsVipSpec;
        // An address this Service is about to give back (another Service asks for it) is never shown in its status.
        var yields = _key.SharedVipKey is null && handled && (ownVip?.AllocatedIp ?? ownVip?.AllocatedIp6) is not null &&
                     DecideAddress(ownVip, _cluster.GetService(_key), PinnedIn(translation)).Action == AddressYieldAction.Yield;
        if (yields) Self.Tell(new ServiceProtocol.Reconcile(_key));
        var vip = handled && _takenAddress is null && !yields ? ownVip : null;
        var vsUuid = vip is null ? null : Own(new AviRef(AviObjectTypes.VirtualService, vipName))?.Uuid;
        if (_takenAddress is not null && (ownVip?.AllocatedIp == _takenAddress || ownVip?.AllocatedIp6 == _takenAddress))
        {
            // The probe got the address: build the rest of the tree now.
            Self.Tell(new ServiceProtocol.Reconcile(_key));
        }
        if (_key.SharedVipKey is null)
        {
            var service = _cluster.GetService(_key);
            if (service is not null && L4ServiceTranslator.SharedVipKeyOf(service) is not null &&
                L4ServiceTranslator.IsHandled(service, _cluster.GetNamespace(_key.Namespace), Runtime.Settings))
            {
                // Served on the shared VIP: the group's owner writes this Service's status and annotations.
                Forget(_key);
            }
            else
            {
                var moving = translation.Desired.OfType<VsVipSpec>().FirstOrDefault(d => d.MovesInPlace);
                var status = moving is null
                    ? L4ServiceTranslator.StatusOf(vip).ToArray()
                    : MovingStatus(moving, vip) is { } entry ? new[] { entry } : [];
                _shown = status;
                if (status.Length > 0)
                {
                    _rememberedVip = status[0].Ip;
                    _rememberedAddresses = status.Select(e => AddressClaims.Canonical(e.Ip)).OfType<string>().ToArray();
                    _yielded = null;
                }
                Settle(_key, service, status, vsUuid);
            }
        }
        else
        {
            var served = handled ? _sharedVipServed : [];
            // During a VIP network move every member shows the address the move serves from (as a single Service does).
            var moving = translation.Desired.OfType<VsVipSpec>().FirstOrDefault(d => d.MovesInPlace);
            var shown = moving is null
                ? L4ServiceTranslator.StatusOf(vip).ToArray()
                : MovingStatus(moving, vip) is { } entry ? new[] { entry } : [];
            // A member that left is its own owner's again (or gone): nothing of it is tracked here any more.
            foreach (var left in _statuses.Keys.Concat(_annotations.Keys).Except(served.Select(m => m.Service)).ToList()) Forget(left);
            foreach (var member in served)
            {
                // Every address of the shared vsvip (one per VIP network on AWS, Azure and OpenStack), as AKO lists them, of the
                // families the member asks for.
                var snapshot = _cluster.GetService(member.Service);
                var ofItsFamilies = snapshot is null ? shown : VipFamilyChoice.ShownTo(snapshot, shown);
                var status = ofItsFamilies.Select(s => s with { Hostname = member.Fqdn }).ToArray();
                Settle(member.Service, snapshot, status, vsUuid);
            }
        }

        // Under deleteConfig the owner stays, remembering the address to ask for when syncing resumes.
        if (!handled && !OwnsAnything && !IsBusy && !_statuses.Values.Any(s => s.IsPending) && !_annotations.Values.Any(a => a.IsPending) &&
            !IsMovingTenant && !Runtime.DeleteConfig)
        {
            // Nothing left to own: leave, so remember-entities forgets this Service until it matters again.
            Passivate(ServiceProtocol.Stop.Instance);
        }
    }

    /// <summary>Only objects whose markers name this Service (or, as AKO marks vsvips, no Kubernetes object at all).</summary>
    protected override bool IsOwnClaim(AviClaim claim, AviObjectSpec spec) =>
        claim.Kind == AviClaimKind.None || claim == AviClaim.ForService(_key);

    /// <summary>AKO's names collide (<c>a-b/c</c> and <c>a/b-c</c> are both <c>&lt;cluster&gt;--a-b-c</c>; an SNI child of host
    /// <c>col-web</c> is named like Service <c>col/web</c>'s VS). The object that holds the name keeps it, untouched: this
    /// Service yields (removes whatever of its own it made, gets no VIP and a NameCollision Warning) — unless every holder is
    /// a newer Service that raced it to the controller, which yields in turn; then this one writes nothing and looks again.</summary>
    protected override TreeTranslation? OnNameCollision(TreeTranslation translation, IReadOnlyList<AviObjectState> foreign, TranslationContext context)
    {
        var mine = _cluster.GetService(_key);
        // Objects that claim nobody (AKO-style vsvips) are foreign only through the claimed object that uses them.
        var holders = foreign.Select(f => (f, Claim: AviClaim.Of(f.Spec), Ours: context.Ownership.Owns(f.Spec)))
            .OrderBy(h => h.Claim.Kind == AviClaimKind.None ? 1 : 0)
            .ToList();
        var claimed = holders.Where(h => !h.Ours || h.Claim.Kind != AviClaimKind.None).ToList();
        if (mine is not null && claimed.Count > 0 &&
            claimed.All(h => h.Ours && h.Claim.Service is { } other && _cluster.GetService(other) is { } theirs && theirs.IsNewerThan(mine)))
        {
            Log.Info("Service {Service}: {Holders} also hold(s) names of its Avi objects; they are newer and yield, so this Service waits", _key,
                string.Join(", ", holders.Select(h => h.Claim).Distinct()));
            return null;
        }
        var first = holders[0];
        var holder = first.Ours ? first.Claim.ToString() : $"an object this cluster did not create (created_by {first.f.Spec.Meta.CreatedBy ?? "none"})";
        var names = string.Join(", ", foreign.Select(f => f.Ref.ToString()).Distinct());
        var problem = new UserProblem("NameCollision",
            $"Service {_key} would use the Avi name(s) {names}, which the controller already holds for {holder}. AKO's naming " +
            $"(<cluster>--<namespace>-<name>, <cluster>--<host>) gives both the same name; {holder} keeps it untouched. " +
            "Rename this Service or move it to another namespace; until then it gets no VIP");
        return translation with { Desired = EquatableArray<AviObjectSpec>.Empty, Problems = translation.Problems.Append(problem).ToEquatableArray() };
    }

    protected override void Report(IReadOnlyList<UserProblem> problems, bool refused)
    {
        foreach (var problem in problems)
        {
            Log.Warning(refused ? "Service {Service}: {Problem} (nothing changed on the controller)" : "Service {Service}: {Problem}", _key, problem.Message);
            foreach (var target in Targets.Where(t => problem.Subject is null || problem.Subject == $"{t.Namespace}/{t.Name}"))
            {
                Record(target, KubeEvent.WarningEvent(problem.Reason, problem.Message));
            }
        }
    }

    protected override void ReportFailure(string reason, string message)
    {
        Log.Warning("Service {Service}: {Problem}", _key, message);
        foreach (var target in Targets) Record(target, KubeEvent.WarningEvent(reason, message));
    }

    /// <summary>Normal events when the VS appears or goes, as AKO records them.</summary>
    protected override void OnVirtualServiceChanged(AviOperation operation)
    {
        foreach (var target in Targets)
        {
            if (operation is CreateOperation) Record(target, KubeEvent.NormalEvent("Synced", $"Added virtualservice {operation.Target.Name} for {target.Namespace}/{target.Name}"));
            else Record(target, KubeEvent.NormalEvent("Removed", $"Removed virtualservice {operation.Target.Name} for {target.Namespace}/{target.Name}"));
        }
    }

    private KubeObjectRef Target => KubeObjectRef.Service(_key, _cluster.GetService(_key)?.Uid);

    /// <summary>Where events go: the Service, or every member of the shared-VIP group (the group has no object of its own).</summary>
    private IEnumerable<KubeObjectRef> Targets => _key.SharedVipKey is null
        ? [Target]
        : SharedVipTranslator.Members(_key, _cluster, Runtime.Settings).Select(m => KubeObjectRef.Service(m.Key, m.Uid));

    private void Settle(ServiceKey key, ServiceSnapshot? service, LoadBalancerIngressStatus[] status, string? vsUuid)
    {
        if (service is null || service.IsDeleting)
        {
            Forget(key);
            return;
        }
        UpdateStatus(service, status);
        UpdateAkoAnnotations(service, status.FirstOrDefault()?.Hostname, vsUuid);
    }

    private void Forget(ServiceKey service)
    {
        _statuses.Remove(service);
        _annotations.Remove(service);
    }

    private void UpdateStatus(ServiceSnapshot service, LoadBalancerIngressStatus[] desired)
    {
        if (!_statuses.TryGetValue(service.Key, out var tracker)) _statuses[service.Key] = tracker = new LoadBalancerStatusTracker();
        if (!tracker.NeedsPatch(service.Status, desired)) return;
        Kube.PatchLoadBalancerStatusAsync(KubeObjectRef.Service(service.Key, service.Uid), desired, Stopping)
            .PipeTo(Self, success: () => new StatusPatched(service.Key, desired, null), failure: exception => new StatusPatched(service.Key, desired, exception));
    }

    private void OnStatusPatched(StatusPatched patched)
    {
        Metrics.StatusWritten(Kind, patched.Error is null);
        var tracker = _statuses.GetValueOrDefault(patched.Service);
        if (patched.Error is null)
        {
            // What was written, not what the tracker holds now: the informer may already have shown it and cleared the tracker.
            Log.Info("Service {Service}: status set to [{Vips}]", patched.Service, string.Join(", ", patched.Written.Select(s => s.Ip)));
            // A tenant move deletes the old tree once the status shows the new one: look again now rather than at the next change.
            if (IsMovingTenant) Trigger();
            return;
        }
        tracker?.Forget();
        var delay = Retry.Exponential(2);
        Log.Warning("Service {Service}: writing its status failed ({Reason}); retrying in {RetryIn}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("status-retry", new ServiceProtocol.Reconcile(_key), delay);
    }

    /// <summary>AKO's <c>ako.vmware.com/*</c> annotations, which AMKO reads: the Service's automatic FQDN → its VS uuid while
    /// the VS exists; removed once it is gone. As AKO, a served Service without an FQDN keeps whatever it has.</summary>
    private void UpdateAkoAnnotations(ServiceSnapshot service, string? hostname, string? vsUuid)
    {
        var context = Runtime.Context!;
        EquatableArray<HostVirtualService> hosts;
        if (vsUuid is null) hosts = EquatableArray<HostVirtualService>.Empty;
        else if (hostname is null) return;
        else hosts = new[] { new HostVirtualService(hostname, vsUuid) }.ToEquatableArray();
        var desired = new AkoVsAnnotations(hosts, context.ControllerClusterUuid ?? string.Empty, Tenant);
        if (!_annotations.TryGetValue(service.Key, out var tracker)) _annotations[service.Key] = tracker = new AkoAnnotationsTracker();
        if (!tracker.NeedsPatch(service.Annotations, desired)) return;
        Kube.PatchAkoAnnotationsAsync(KubeObjectRef.Service(service.Key, service.Uid), desired, Stopping)
            .PipeTo(Self, success: () => new AnnotationsPatched(service.Key, null), failure: exception => new AnnotationsPatched(service.Key, exception));
    }

    private void OnAnnotationsPatched(AnnotationsPatched patched)
    {
        if (patched.Error is null) return;
        _annotations.GetValueOrDefault(patched.Service)?.Forget();
        var delay = Retry.Exponential(2);
        Log.Warning("Service {Service}: writing AKO's VS annotations failed ({Reason}); retrying in {Delay}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("annotations-retry", new ServiceProtocol.Reconcile(_key), delay);
    }

    private sealed record StatusPatched(ServiceKey Service, LoadBalancerIngressStatus[] Written, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record AnnotationsPatched(ServiceKey Service, Exception? Error) : INoSerializationVerificationNeeded;
}
