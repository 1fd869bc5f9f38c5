namespace AkoActors.Domain.Settings;

/// <summary>A single key=value label requirement (namespaceSelector, nodePortSelector); empty key = match all.</summary>
public sealed record LabelSelectorPair(string Key, string Value)
{
    public static LabelSelectorPair None { get; } = new(string.Empty, string.Empty);

    public bool IsEmpty => string.IsNullOrEmpty(Key);

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        IsEmpty || (labels.TryGetValue(Key, out var value) && value == Value);
}
