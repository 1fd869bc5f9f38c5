namespace AkoActors.Domain.Kubernetes;

/// <summary>An IngressClass: which controller implements it and whether it is the cluster default.</summary>
public sealed record IngressClassSnapshot(string Name, string Controller, bool IsDefault)
{
    public const string AviController = "ako.vmware.com/avi-lb";

    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <summary>spec.parameters as <c>Kind name</c> (AKO: an AviInfraSetting); null when the class has none.</summary>
    public string? Parameters { get; init; }

    /// <summary>spec.parameters.apiGroup (AKO: <c>ako.vmware.com</c>); null when not given.</summary>
    public string? ParametersApiGroup { get; init; }

    /// <summary>spec.parameters.kind; null when the class has no parameters.</summary>
    public string? ParametersKind { get; init; }

    /// <summary>spec.parameters.name; null when the class has no parameters.</summary>
    public string? ParametersName { get; init; }
}
