namespace AkoActors.Domain.Avi;

/// <summary>The fields of one Avi object that this controller manages: what it wants, or what it read back.</summary>
/// <remarks>Fields the controller fills in or that users may set by hand are not part of a spec, so they neither
/// trigger writes nor get overwritten; the Avi client carries them over unchanged on every PUT.</remarks>
public abstract record AviObjectSpec(string Name)
{
    public abstract string Type { get; }

    /// <summary>Owner marks and the pointer back to Kubernetes; also what ownership checks read.</summary>
    public abstract AviObjectMeta Meta { get; init; }

    public AviRef Ref => new(Type, Name);

    /// <summary>Other objects this one refers to; the diff creates them first and deletes them last.</summary>
    public abstract IEnumerable<AviRef> References { get; }

    /// <summary>True when the object read from the controller already is what this spec asks for.</summary>
    public virtual bool IsSatisfiedBy(AviObjectSpec actual) => Equals(actual);

    /// <summary>True when the controller cannot change the existing object into this one in place (delete and re-create).</summary>
    public virtual bool RequiresReplacement(AviObjectSpec actual) => false;
}
