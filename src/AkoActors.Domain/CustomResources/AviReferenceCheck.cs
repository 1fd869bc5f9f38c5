namespace AkoActors.Domain.CustomResources;

/// <summary>One Avi object a custom resource names, to be looked up on the controller before the resource is Accepted.</summary>
/// <param name="Type">The collection, e.g. <c>wafpolicy</c>.</param>
/// <param name="Name">The object's name, or its uuid when <paramref name="ByUuid"/>.</param>
/// <param name="Field">The resource field that names it, for the Rejected message (<c>wafPolicy</c>).</param>
/// <param name="RequiredKind">When set, the object's <c>type</c> must be this (an application profile of type HTTP).</param>
/// <param name="ByUuid">The resource names the object by uuid (AviInfraSetting's <c>networkUUID</c>): looked up as
/// <c>/api/&lt;type&gt;/&lt;uuid&gt;</c>, as AKO does.</param>
public sealed record AviReferenceCheck(string Type, string Name, string Field, string? RequiredKind = null, bool ByUuid = false)
{
    /// <summary>The Rejected reason when the controller does not have the object (<paramref name="foundKind"/> null) or has
    /// it with another type.</summary>
    public string Missing(string tenant, string? foundKind) =>
        foundKind is null
            ? ByUuid
                ? $"{Type} with uuid \"{Name}\" named in {Field} not found on the Avi Controller (tenant {tenant}); create it there or fix the uuid"
                : $"{Type} \"{Name}\" named in {Field} not found on the Avi Controller (tenant {tenant}); create it there or fix the name"
            : $"{Type} \"{Name}\" named in {Field} is of type {foundKind}, not {RequiredKind}";
}
