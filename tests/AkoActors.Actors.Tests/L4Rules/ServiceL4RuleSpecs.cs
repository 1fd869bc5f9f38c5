using AkoActors.Actors.L4Rules;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.L4Rules;

/// <summary>Which L4Rule a Service owner applies across its passes, and the events the Service gets: attached and detached
/// once per change, a Warning once per cause for a rule missing or Rejected (a shared-VIP group's first member's rule applies as any other), and the version
/// Accepted before kept while an edit is being checked.</summary>
public class ServiceL4RuleSpecs
{
    private readonly InMemoryClusterState _cluster = new();
    private readonly ServiceL4Rule _owner = new();
    private readonly List<KubeEvent> _events = [];

    [Fact]
    public void An_accepted_rule_is_attached_once_and_detached_when_the_annotation_goes()
    {
        var rule = Put(Rule("web-rule"));

        Assert.Equal(rule, Resolve(Service("web-rule")));
        Assert.Equal(rule, Resolve(Service("web-rule")));
        Assert.Null(Resolve(Service(null)));

        Assert.Equal(
            [("Normal", "L4RuleAttached", "L4Rule red/web-rule attached to Service red/web"), ("Normal", "L4RuleDetached", "L4Rule red/web-rule detached from Service red/web")],
            _events.Select(e => (e.Type, e.Reason, e.Message)));
    }

    [Fact]
    public void A_missing_rule_is_one_warning_and_the_defaults_until_it_is_created()
    {
        Assert.Null(Resolve(Service("web-rule")));
        Assert.Null(Resolve(Service("web-rule")));
        var warning = Assert.Single(_events);
        Assert.Equal(("Warning", "L4RuleNotFound"), (warning.Type, warning.Reason));
        Assert.Contains("does not exist in namespace red", warning.Message);

        var rule = Put(Rule("web-rule"));
        Assert.Equal(rule, Resolve(Service("web-rule")));
        Assert.Equal("L4RuleAttached", _events.Last().Reason);
    }

    [Fact]
    public void An_edit_being_checked_keeps_the_version_accepted_before_and_a_rejected_edit_withdraws_it()
    {
        var accepted = Put(Rule("web-rule"));
        Resolve(Service("web-rule"));

        Put(accepted with { Generation = 2, NetworkProfile = "System-TCP-Fast-Path" });
        Assert.Equal(accepted, Resolve(Service("web-rule")));

        Put(accepted with { Generation = 2, DecidedGeneration = 2, Status = RuleStatus.Rejected("applicationprofile \"x\" ... not found") });
        Assert.Null(Resolve(Service("web-rule")));
        Assert.Equal(["L4RuleAttached", "L4RuleDetached", "L4RuleNotApplied"], _events.Select(e => e.Reason));
    }

    [Fact]
    public void A_shared_vip_groups_first_member_naming_a_rule_has_it_applied_for_the_group()
    {
        var rule = Put(Rule("web-rule"));
        var member = Service("web-rule") with
        {
            Annotations = new LabelSet([new(L4RuleSnapshot.ServiceAnnotation, "web-rule"), new("ako.vmware.com/enable-shared-vip", "group")]),
        };

        Assert.Equal(rule, Resolve(member));
        Assert.Equal(rule, Resolve(member));

        var attached = Assert.Single(_events);
        Assert.Equal(("Normal", "L4RuleAttached"), (attached.Type, attached.Reason));
    }

    private L4RuleSnapshot? Resolve(ServiceSnapshot service) => _owner.Resolve(service, _cluster, _events.Add);

    private L4RuleSnapshot Put(L4RuleSnapshot rule)
    {
        _cluster.L4Rules[rule.Key] = rule;
        return rule;
    }

    private static ServiceSnapshot Service(string? rule) =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(80), null) }.ToEquatableArray(),
            rule is null ? LabelSet.Empty : new LabelSet([new(L4RuleSnapshot.ServiceAnnotation, rule)]), null, false,
            EquatableArray<LoadBalancerIngressStatus>.Empty);

    private static L4RuleSnapshot Rule(string name) =>
        new(new L4RuleKey("red", name), "uid-r", null, null, null, null, EquatableArray<string>.Empty, null, EquatableArray<L4RuleBackend>.Empty,
            EquatableArray<string>.Empty, RuleStatus.Accepted) { Generation = 1, DecidedGeneration = 1 };
}
