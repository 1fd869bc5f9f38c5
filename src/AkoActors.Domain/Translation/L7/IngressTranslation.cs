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
}
