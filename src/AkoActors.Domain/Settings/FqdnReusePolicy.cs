namespace AkoActors.Domain.Settings;

/// <summary>Whether Ingresses of several namespaces may share a host (L7Settings.fqdnReusePolicy, AKO 1.13.1).</summary>
public enum FqdnReusePolicy
{
    /// <summary>Any namespace may add paths to a host (AKO's default).</summary>
    InterNamespaceAllowed,

    /// <summary>A host belongs to the namespace that claimed it first; Ingresses of other namespaces get none of it.</summary>
    Strict,
}
