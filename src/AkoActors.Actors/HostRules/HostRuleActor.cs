using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.HostRules;

/// <summary>One HostRule: decides whether it is Accepted or Rejected, as AKO does before it applies one, and is the single
/// writer of its status. The shared VS actors apply only Accepted HostRules, read from the status this actor writes.</summary>
/// <remarks>
/// A rule is Rejected when another, older HostRule has the same fqdn, when its fqdnType/aliases do not fit, when a
/// certificate Secret it names is missing, or when an Avi object it names does not exist on the controller (looked up by
/// name, in this cluster's tenant, then admin's shared objects). As in AKO, the controller is asked once per spec: a
/// referenced object deleted later does not reject a rule already Accepted; editing the rule checks it again.
/// </remarks>
public sealed class HostRuleActor : ReceiveActor, IWithTimers
{
    private readonly HostRuleKey _key;
    private readonly IClusterState _cluster;
    private readonly IAviObjectLookup _avi;
    private readonly ICustomResourceStatusWriter _status;
    private readonly IKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly RetryPolicy _retry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private HostRuleSnapshot? _checkedSpec;
    private string? _aviProblem;
    private bool _busy;
    private bool _again;
    private int _failures;
    private HostRuleSnapshot? _warnedIgnored;
    private HostRuleStatus? _written;

    public HostRuleActor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry)
    {
        _key = EntityIds.HostRule(entityId);
        _cluster = cluster;
        _avi = avi;
        _status = status;
        _kube = kube;
        _runtime = runtime;
        _retry = retry;

        Receive<HostRuleProtocol.Reconcile>(_ => Run());
        Receive<ReferencesChecked>(OnReferencesChecked);
        Receive<CheckFailed>(OnCheckFailed);
        Receive<StatusWritten>(OnStatusWritten);
        Receive<HostRuleProtocol.Stop>(_ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry) =>
        Props.Create(() => new HostRuleActor(entityId, cluster, avi, status, kube, runtime, retry));

    protected override void PreStart() => Self.Tell(new HostRuleProtocol.Reconcile(_key));

    protected override void PostStop() => _stopping.Cancel();

    private HostRuleSnapshot? Current() => _cluster.GetHostRules().FirstOrDefault(r => r.Key == _key);

    private void Run()
    {
        if (_busy)
        {
            _again = true;
            return;
        }
        if (!_runtime.IsReady || !_runtime.MayWrite)
        {
            Timers.StartSingleTimer("ready", new HostRuleProtocol.Reconcile(_key), TimeSpan.FromSeconds(1));
            return;
        }
        var rule = Current();
        if (rule is null)
        {
            // Deleted: the shared VSes withdraw its settings on their own (they read the HostRules they apply).
            Context.Parent.Tell(new Passivate(HostRuleProtocol.Stop.Instance));
            return;
        }
        WarnIgnoredFields(rule);
        if (HostRuleValidation.ClusterProblem(rule, _cluster.GetHostRules(), _cluster) is { } problem)
        {
            Decide(rule, HostRuleStatus.Rejected(problem));
            return;
        }
        if (_checkedSpec == rule.Settings)
        {
            Decide(rule, _aviProblem is null ? HostRuleStatus.Accepted : HostRuleStatus.Rejected(_aviProblem));
            return;
        }
        _busy = true;
        var spec = rule.Settings;
        var context = _runtime.CallContext($"hostrule/{_key.Namespace}");
        var tenant = _runtime.Settings.TenantName;
        CheckAsync(spec, context, tenant).PipeTo(Self,
            success: missing => new ReferencesChecked(spec, missing),
            failure: exception => new CheckFailed(exception is AviApiException api ? api.Error.Message : exception.Message));
    }

    /// <summary>The first named object the controller lacks (AKO reports one at a time), or null when all exist.</summary>
    private async Task<string?> CheckAsync(HostRuleSnapshot spec, AkoActors.Avi.Transport.AviCallContext context, string tenant)
    {
        foreach (var check in HostRuleValidation.AviReferences(spec))
        {
            var kind = await _avi.FindKindAsync(check.Type, check.Name, context, _stopping.Token).ConfigureAwait(false);
            if (kind is null) return HostRuleValidation.Missing(check, tenant, null);
            if (check.RequiredKind is { } required && kind.Length > 0 && kind != required) return HostRuleValidation.Missing(check, tenant, kind);
        }
        return null;
    }

    private void OnReferencesChecked(ReferencesChecked checkedReferences)
    {
        _busy = false;
        _failures = 0;
        _checkedSpec = checkedReferences.Spec;
        _aviProblem = checkedReferences.Problem;
        Run();
    }

    private void OnCheckFailed(CheckFailed failed)
    {
        _busy = false;
        _failures++;
        var delay = _retry.Exponential(_failures);
        _log.Warning("HostRule {HostRule}: checking its Avi references failed ({Error}); retrying in {Delay}", _key, failed.Error, delay);
        Timers.StartSingleTimer("retry", new HostRuleProtocol.Reconcile(_key), delay);
    }

    private void Decide(HostRuleSnapshot rule, HostRuleStatus status)
    {
        if (rule.Status == status && rule.DecidedGeneration == rule.Generation)
        {
            Settle();
            return;
        }
        _busy = true;
        if (!status.IsAccepted)
        {
            _log.Warning("HostRule {HostRule} rejected: {Reason}", _key, status.Error);
            _ = _kube.RecordEventAsync(KubeObjectRef.HostRule(_key, rule.Uid), KubeEvent.WarningEvent("Rejected", status.Error), CancellationToken.None)
                .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
        }
        else
        {
            _log.Info("HostRule {HostRule} accepted for {Fqdn} ({FqdnType})", _key, rule.Fqdn, rule.FqdnType);
        }
        _status.PatchHostRuleStatusAsync(_key, status, rule.Generation, _stopping.Token).PipeTo(Self,
            success: () => new StatusWritten(status, null),
            failure: exception => new StatusWritten(status, exception.Message));
    }

    private void OnStatusWritten(StatusWritten written)
    {
        _busy = false;
        if (written.Error is not null)
        {
            _failures++;
            var delay = _retry.Exponential(_failures);
            _log.Warning("HostRule {HostRule}: writing its status failed ({Error}); retrying in {Delay}", _key, written.Error, delay);
            Timers.StartSingleTimer("retry", new HostRuleProtocol.Reconcile(_key), delay);
            return;
        }
        _failures = 0;
        _written = written.Status;
        Settle();
    }

    private void Settle()
    {
        if (!_again) return;
        _again = false;
        Run();
    }

    /// <summary>Fields AKO's CRD allows that this controller does not act on are named once per spec, never silently dropped.</summary>
    private void WarnIgnoredFields(HostRuleSnapshot rule)
    {
        if (rule.Ignored.IsEmpty || _warnedIgnored == rule.Settings) return;
        _warnedIgnored = rule.Settings;
        var message = $"HostRule {_key}: {string.Join(", ", rule.Ignored)} {(rule.Ignored.Count == 1 ? "is" : "are")} accepted but not acted on by AkoActors " +
                      "(see the README's HostRule section); the rest of the rule applies";
        _log.Warning("{Message}", message);
        _ = _kube.RecordEventAsync(KubeObjectRef.HostRule(_key, rule.Uid), KubeEvent.WarningEvent("FieldsNotActedOn", message), CancellationToken.None)
            .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
    }

    private sealed record ReferencesChecked(HostRuleSnapshot Spec, string? Problem);

    private sealed record CheckFailed(string Error);

    private sealed record StatusWritten(HostRuleStatus Status, string? Error);
}
