using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Translation;

/// <summary>The result of translating Kubernetes objects into one Avi tree: the objects wanted, and the problems to report.</summary>
/// <param name="Problems">Warnings for the user; with <see cref="TranslationOutcome.Desired"/> they are partial problems (a port skipped, say).</param>
public sealed record TreeTranslation(TranslationOutcome Outcome, EquatableArray<AviObjectSpec> Desired, EquatableArray<UserProblem> Problems)
{
    public static TreeTranslation NotHandled { get; } = new(TranslationOutcome.NotHandled, EquatableArray<AviObjectSpec>.Empty, EquatableArray<UserProblem>.Empty);

    public static TreeTranslation Refused(IEnumerable<UserProblem> problems) =>
        new(TranslationOutcome.Refused, EquatableArray<AviObjectSpec>.Empty, problems.ToEquatableArray());

    public static TreeTranslation Of(IEnumerable<AviObjectSpec> desired, IEnumerable<UserProblem> problems) =>
        new(TranslationOutcome.Desired, desired.ToEquatableArray(), problems.ToEquatableArray());

    public T? Find<T>(string name) where T : AviObjectSpec => Desired.OfType<T>().FirstOrDefault(s => s.Name == name);
}
