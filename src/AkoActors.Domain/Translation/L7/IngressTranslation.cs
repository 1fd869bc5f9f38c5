using System.Collections.Immutable;

namespace AkoActors.Domain.Translation.L7;

/// <summary>An Ingress translated: whether this controller handles it, its contribution per shared VS (by VS name), and
/// the problems to report on it.</summary>
public sealed record IngressTranslation(
    bool Handled,
    ImmutableSortedDictionary<string, IngressContribution> ByVirtualService,
    IReadOnlyList<UserProblem> Problems)
{
    public static IngressTranslation NotHandled { get; } =
        new(false, ImmutableSortedDictionary<string, IngressContribution>.Empty.WithComparers(StringComparer.Ordinal), []);

    /// <summary>The shared VSes the hosts were placed on (the controller's own, or an AviInfraSetting's); null when nothing
    /// was placed (not handled, not served, or waiting for a setting).</summary>
    public SharedVsFamily? Family { get; init; }

    /// <summary>The AviInfraSetting the Ingress's class names, while it is being checked (new or edited): the Ingress's
    /// hosts stay where they are until it is decided.</summary>
    public string? AwaitingInfraSetting { get; init; }
}
