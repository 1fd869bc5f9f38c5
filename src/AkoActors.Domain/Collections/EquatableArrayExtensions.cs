namespace AkoActors.Domain.Collections;

/// <summary>Conversions into <see cref="EquatableArray{T}"/> for LINQ pipelines.</summary>
public static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);
}
