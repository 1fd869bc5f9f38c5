using AkoActors.Domain.Collections;

namespace AkoActors.Domain.CustomResources;

/// <summary>What the admission of any AKO rule resource (HostRule, HTTPRule, L4Rule) reads: identity, the generation its spec is
/// at and the one its status was decided for, the status, and the fields accepted but not acted on.</summary>
public interface IAdmittedResource
{
    string Namespace { get; }

    string Name { get; }

    string Uid { get; }

    long Generation { get; }

    long? DecidedGeneration { get; }

    RuleStatus? Status { get; }

    EquatableArray<string> Ignored { get; }

    /// <summary>Everything but what the controller writes back (status, decided generation); equal settings need the same checks.</summary>
    object Settings { get; }
}
