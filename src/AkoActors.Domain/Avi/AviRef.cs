namespace AkoActors.Domain.Avi;

/// <summary>A reference to an Avi object by type and name, the way the controller resolves <c>/api/&lt;type&gt;?name=X</c>.</summary>
public sealed record AviRef(string Type, string Name)
{
    public override string ToString() => $"{Type}/{Name}";
}
