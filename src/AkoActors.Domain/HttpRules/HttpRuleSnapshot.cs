using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.HttpRules;

/// <summary>What the controller reads of an AKO HTTPRule (<c>ako.vmware.com/v1beta1</c>): the host it binds to, per-path
/// pool settings, and the status last written to it. It applies to paths of Ingresses in its own namespace only.</summary>
public sealed record HttpRuleSnapshot(
    HttpRuleKey Key,
    string Uid,
    DateTimeOffset Created,
    string Fqdn,
    EquatableArray<HttpRulePath> Paths,
    RuleStatus? Status) : IAdmittedResource
{
    public long Generation { get; init; }

    public long? DecidedGeneration { get; init; }

    public EquatableArray<string> Ignored { get; init; } = EquatableArray<string>.Empty;

    public bool IsEffective => RuleAdmission.IsEffective(this);

    public bool IsAwaitingCheck => RuleAdmission.IsAwaitingCheck(this);

    string IAdmittedResource.Namespace => Key.Namespace;

    string IAdmittedResource.Name => Key.Name;

    object IAdmittedResource.Settings => Settings;

    public HttpRuleSnapshot Settings => this with { Status = null, DecidedGeneration = null };
}
