namespace AkoActors.KubeSim.Selectors;

/// <summary>Label selector operators; <c>=</c>/<c>==</c> are In with one value and <c>!=</c> is NotIn with one value.</summary>
public enum LabelOperator
{
    /// <summary>The label has one of the values.</summary>
    In,

    /// <summary>The label is absent or has none of the values.</summary>
    NotIn,

    /// <summary>The label is present.</summary>
    Exists,

    /// <summary>The label is absent.</summary>
    DoesNotExist,
}
