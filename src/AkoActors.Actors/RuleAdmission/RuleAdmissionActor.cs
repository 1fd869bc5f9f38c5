using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.RuleAdmission;

/// <summary>Decides whether one AKO rule resource (HostRule, HTTPRule, L4Rule) is Accepted or Rejected, as AKO does before it
/// applies one, and is the single writer of its status; the actors owning Avi trees apply only rules Accepted for their
/// current spec (<see cref="RuleAdmission.IsEffective"/>), read from what this actor writes.</summary>
/// <remarks>
/// Cluster-only problems (duplicates, fields that do not fit, a missing Secret) are decided from the cache on every look;
/// the Avi objects a rule names are looked up by name once per spec, as AKO does: an object deleted on the controller
/// later does not reject a rule already Accepted; editing the rule checks it again. A subclass says what its kind checks.
/// </remarks>
public abstract class RuleAdmissionActor : ReceiveActor, IWithTimers
{
    private readonly IAviObjectLookup _avi;
    private readonly ICustomResourceStatusWriter _status;
    private readonly IKubernetesWriter _kube;
    private readonly CancellationTokenSource _stopping = new();
    private object? _checkedSettings;
    private string? _aviProblem;
    private bool _busy;
    private bool _again;
    private int _failures;
    private object? _warnedIgnored;

    protected RuleAdmissionActor(
        IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube, ControllerRuntime runtime, RetryPolicy retry)
    {
        _avi = avi;
        _status = status;
        _kube = kube;
        Runtime = runtime;
        Retry = retry;

        Receive<ReferencesChecked>(OnReferencesChecked);
        Receive<CheckFailed>(OnCheckFailed);
        Receive<StatusWritten>(OnStatusWritten);
        Receive<LookAgain>(_ => Run());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    protected ControllerRuntime Runtime { get; }

    protected RetryPolicy Retry { get; }

    protected abstract CustomResourceType ResourceType { get; }

    /// <summary>"HostRule red/waf", for logs and events.</summary>
    protected abstract string Describe { get; }

    /// <summary>The resource as this replica's cache has it now; null once deleted.</summary>
    protected abstract IAdmittedResource? Current();

    /// <summary>Why the resource is Rejected on cluster grounds alone, or null.</summary>
    protected abstract string? ClusterProblem(IAdmittedResource resource);

    /// <summary>The Avi objects the resource names, each to be found on the controller.</summary>
    protected abstract IReadOnlyList<AviReferenceCheck> AviReferences(IAdmittedResource resource);

    /// <summary>The Avi tenant whose objects the resource may name: the controller's tenant unless a kind says otherwise.</summary>
    protected virtual string TenantOf(IAdmittedResource resource) => Runtime.Settings.TenantName;

    /// <summary>The SE group to label for this cluster's static routes once every reference is found; null for none.</summary>
    protected virtual string? SeGroupToLabel(IAdmittedResource resource) => null;

    /// <summary>The message that passivates this entity.</summary>
    protected abstract object StopMessage { get; }

    protected override void PreStart() => Self.Tell(LookAgain.Instance);

    protected override void PostStop() => _stopping.Cancel();

    protected void Run()
    {
        if (_busy)
        {
            _again = true;
            return;
        }
        if (!Runtime.IsReady || !Runtime.MayWrite)
        {
            Timers.StartSingleTimer("ready", LookAgain.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        var resource = Current();
        if (resource is null)
        {
            // Deleted: the tree owners withdraw its settings on their own (they read the rules they apply from the cache).
            Context.Parent.Tell(new Passivate(StopMessage));
            return;
        }
        WarnIgnoredFields(resource);
        if (ClusterProblem(resource) is { } problem)
        {
            Decide(resource, RuleStatus.Rejected(problem));
            return;
        }
        if (Equals(_checkedSettings, resource.Settings))
        {
            Decide(resource, _aviProblem is null ? RuleStatus.Accepted : RuleStatus.Rejected(_aviProblem));
            return;
        }
        _busy = true;
        var settings = resource.Settings;
        var checks = AviReferences(resource);
        var tenant = TenantOf(resource);
        var context = Runtime.CallContext($"{ResourceType.Plural}/{resource.Namespace}") with { Tenant = tenant };
        // As AKO: only where this cluster syncs static routes (ClusterIP pools, disableStaticRouteSync off).
        var seGroup = !Runtime.Settings.DisableStaticRouteSync && Runtime.Settings.ServiceType == PoolServerMode.ClusterIp ? SeGroupToLabel(resource) : null;
        CheckAsync(checks, seGroup, context, tenant).PipeTo(Self,
            success: missing => new ReferencesChecked(settings, missing),
            failure: exception => new CheckFailed(exception is AviApiException api ? api.Error.Message : exception.Message));
    }

    /// <summary>The first named object the controller lacks (AKO reports one at a time), or an SE group labelled for
    /// another cluster; null when all exist (the SE group then labelled for this one).</summary>
    private async Task<string?> CheckAsync(IReadOnlyList<AviReferenceCheck> checks, string? seGroup, AviCallContext context, string tenant)
    {
        foreach (var check in checks)
        {
            var kind = check.ByUuid
                ? await _avi.FindKindByUuidAsync(check.Type, check.Name, context, _stopping.Token).ConfigureAwait(false)
                : await _avi.FindKindAsync(check.Type, check.Name, context, _stopping.Token).ConfigureAwait(false);
            if (kind is null) return check.Missing(tenant, null);
            if (check.RequiredKind is { } required && kind.Length > 0 && kind != required) return check.Missing(tenant, kind);
        }
        if (seGroup is not null &&
            await _avi.LabelSeGroupAsync(seGroup, Runtime.Settings.ClusterName, context, _stopping.Token).ConfigureAwait(false) is { } labels)
        {
            return $"serviceenginegroup \"{seGroup}\" named in spec.seGroup.name is labelled {labels}, not clustername={Runtime.Settings.ClusterName}: " +
                   "its Service Engines would not take this cluster's static routes; use an SE group without labels or labelled for this cluster, " +
                   "or set disableStaticRouteSync if the pods are routable";
        }
        return null;
    }

    private void OnReferencesChecked(ReferencesChecked checkedReferences)
    {
        _busy = false;
        _failures = 0;
        _checkedSettings = checkedReferences.Settings;
        _aviProblem = checkedReferences.Problem;
        Run();
    }

    private void OnCheckFailed(CheckFailed failed)
    {
        _busy = false;
        _failures++;
        var delay = Retry.Exponential(_failures);
        Log.Warning("{Resource}: checking its Avi references failed ({Error}); retrying in {Delay}", Describe, failed.Error, delay);
        Timers.StartSingleTimer("retry", LookAgain.Instance, delay);
    }

    private void Decide(IAdmittedResource resource, RuleStatus status)
    {
        if (resource.Status == status && resource.DecidedGeneration == resource.Generation)
        {
            Settle();
            return;
        }
        _busy = true;
        if (!status.IsAccepted)
        {
            Log.Warning("{Resource} rejected: {Reason}", Describe, status.Error);
            RecordWarning(resource, "Rejected", $"{Describe} rejected: {status.Error}");
        }
        else
        {
            Log.Info("{Resource} accepted", Describe);
        }
        _status.PatchStatusAsync(ResourceType, resource.Namespace, resource.Name, status, resource.Generation, _stopping.Token).PipeTo(Self,
            success: () => new StatusWritten(null),
            failure: exception => new StatusWritten(exception.Message));
    }

    private void OnStatusWritten(StatusWritten written)
    {
        _busy = false;
        if (written.Error is not null)
        {
            _failures++;
            var delay = Retry.Exponential(_failures);
            Log.Warning("{Resource}: writing its status failed ({Error}); retrying in {Delay}", Describe, written.Error, delay);
            Timers.StartSingleTimer("retry", LookAgain.Instance, delay);
            return;
        }
        _failures = 0;
        Settle();
    }

    private void Settle()
    {
        if (!_again) return;
        _again = false;
        Run();
    }

    /// <summary>Fields AKO's CRD allows that this controller does not act on are named once per spec, never silently dropped.</summary>
    private void WarnIgnoredFields(IAdmittedResource resource)
    {
        if (resource.Ignored.IsEmpty || Equals(_warnedIgnored, resource.Settings)) return;
        _warnedIgnored = resource.Settings;
        var message = $"{Describe}: {string.Join(", ", resource.Ignored)} {(resource.Ignored.Count == 1 ? "is" : "are")} accepted but not acted on by " +
                      "AkoActors (see the README's section on AKO's CRDs); the rest applies";
        Log.Warning("{Message}", message);
        RecordWarning(resource, "FieldsNotActedOn", message);
    }

    private void RecordWarning(IAdmittedResource resource, string reason, string message) =>
        _ = _kube.RecordEventAsync(new KubeObjectRef(ResourceType.Kind, ResourceType.ApiVersion, resource.Namespace, resource.Name, resource.Uid),
                KubeEvent.WarningEvent(reason, message), _stopping.Token)
            .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);

    private sealed record LookAgain
    {
        public static LookAgain Instance { get; } = new();
    }

    private sealed record ReferencesChecked(object Settings, string? Problem);

    private sealed record CheckFailed(string Error);

    private sealed record StatusWritten(string? Error);
}
