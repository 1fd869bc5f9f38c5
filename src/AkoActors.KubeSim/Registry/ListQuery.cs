using AkoActors.KubeSim.Selectors;

namespace AkoActors.KubeSim.Registry;

/// <summary>The list options of a collection GET.</summary>
public sealed record ListQuery
{
    /// <summary>All objects.</summary>
    public static ListQuery All { get; } = new();

    /// <summary>Label selector.</summary>
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;

    /// <summary>Field selector.</summary>
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;

    /// <summary>Page size; 0 for everything.</summary>
    public int Limit { get; init; }

    /// <summary>Continue token from a previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>resourceVersion parameter.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>resourceVersionMatch parameter (Exact, NotOlderThan).</summary>
    public string? ResourceVersionMatch { get; init; }
}
