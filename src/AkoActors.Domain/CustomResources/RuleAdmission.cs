namespace AkoActors.Domain.CustomResources;

/// <summary>Whether a rule resource's status may be trusted for its spec, through the annotation recording which generation of a rule resource its status was decided for: AKO's CRDs have no
/// <c>status.observedGeneration</c>, and without one an Accepted status would vouch for an edit not yet checked.</summary>
public static class RuleAdmission
{
    public const string Annotation = "ako-actors.vmware.com/decided-generation";

    /// <summary>Accepted for exactly this spec: safe to apply.</summary>
    public static bool IsEffective(this IAdmittedResource resource) =>
        resource.Status?.IsAccepted == true && resource.DecidedGeneration == resource.Generation;

    /// <summary>Accepted before, edited since, not yet checked again.</summary>
    public static bool IsAwaitingCheck(this IAdmittedResource resource) =>
        resource.Status?.IsAccepted == true && resource.DecidedGeneration != resource.Generation;
}
