using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Actors.L4Rules;

/// <summary>Which L4Rule a Service owner (or a shared-VIP group's owner, for its first member) applies, kept across its passes: the one its annotation names, once Accepted for
/// its current spec (while an edit is being checked, the version Accepted before), and the events saying so on the Service.</summary>
/// <remarks>A Service naming an L4Rule that does not exist, or one Rejected, is served with the defaults and gets a Warning
/// (AKO serves it with the defaults too); the L4Rule's own Rejected event says why.</remarks>
public sealed class ServiceL4Rule
{
    private readonly AppliedRules<L4RuleSnapshot> _applied = new();
    private string? _attached;
    private UserProblem? _warned;

    /// <summary>The rule to apply now (null: the defaults); events on the Service say when it changes, and once per cause
    /// when the rule named cannot be applied.</summary>
    public L4RuleSnapshot? Resolve(ServiceSnapshot? service, IClusterState cluster, Action<KubeEvent> record)
    {
        var name = service is null ? null : L4RuleApplication.RuleNameOf(service);
        var named = name is null ? null : cluster.GetL4Rules().FirstOrDefault(r => r.Key.Namespace == service!.Key.Namespace && r.Key.Name == name);
        var rule = _applied.Resolve(named is null ? [] : [named]).FirstOrDefault();
        UserProblem? problem = null;
        if (name is not null && named is null)
        {
            problem = new UserProblem("L4RuleNotFound",
                $"Service {service!.Key} names L4Rule {name} ({L4RuleSnapshot.ServiceAnnotation}), which does not exist in namespace {service.Key.Namespace}; " +
                "it is served with the defaults. Create the L4Rule there or fix the annotation");
        }
        else if (named is { Status.IsAccepted: false } && rule is null)
        {
            problem = new UserProblem("L4RuleNotApplied",
                $"Service {service!.Key} names L4Rule {named.Key}, which is Rejected ({named.Status.Error}); it is served with the defaults until the L4Rule is fixed");
        }
        if (service is not null && rule?.Key.Name != _attached)
        {
            if (_attached is not null) record(KubeEvent.NormalEvent("L4RuleDetached", $"L4Rule {service.Key.Namespace}/{_attached} detached from Service {service.Key}"));
            if (rule is not null) record(KubeEvent.NormalEvent("L4RuleAttached", $"L4Rule {rule.Key} attached to Service {service.Key}"));
            _attached = rule?.Key.Name;
        }
        if (problem is not null && problem != _warned) record(KubeEvent.WarningEvent(problem.Reason, problem.Message));
        _warned = problem;
        return rule;
    }
}
