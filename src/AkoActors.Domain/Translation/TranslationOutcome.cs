namespace AkoActors.Domain.Translation;

/// <summary>What a translation asks the owner of an Avi tree to do.</summary>
public enum TranslationOutcome
{
    /// <summary>The object is not ours to handle (deleted, other class, filtered namespace): remove the tree, clear status.</summary>
    NotHandled,

    /// <summary>The object is ours but cannot be realised as written: leave the controller as it is and tell the user.</summary>
    Refused,

    /// <summary>The tree to converge to.</summary>
    Desired,
}
