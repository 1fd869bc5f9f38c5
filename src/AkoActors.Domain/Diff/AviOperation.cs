using AkoActors.Domain.Avi;

namespace AkoActors.Domain.Diff;

/// <summary>One REST call the plan needs: create, update or delete an Avi object.</summary>
public abstract record AviOperation(AviRef Target)
{
    public abstract string Verb { get; }

    public sealed override string ToString() => $"{Verb} {Target}";
}

/// <summary>POST a new object.</summary>
public sealed record CreateOperation(AviObjectSpec Spec) : AviOperation(Spec.Ref)
{
    public override string Verb => "POST";
}

/// <summary>PUT an existing object, guarded by the <c>_last_modified</c> it was read with.</summary>
/// <param name="Existing">The object as last read or written: its uuid, stamp and the fields this controller does not manage.</param>
public sealed record UpdateOperation(AviObjectSpec Spec, AviObjectState Existing) : AviOperation(Spec.Ref)
{
    public string Uuid => Existing.Uuid;

    public string? LastModified => Existing.LastModified;

    public override string Verb => "PUT";
}

/// <summary>DELETE an object this controller owns and no longer wants.</summary>
/// <param name="Existing">The object as last read or written, so the delete can be refused when someone else wrote it
/// since (the controller's DELETE is unconditional); null when only the uuid is known.</param>
public sealed record DeleteOperation(AviRef Target, string Uuid, AviObjectState? Existing = null) : AviOperation(Target)
{
    public override string Verb => "DELETE";
}
