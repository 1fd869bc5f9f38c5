namespace AkoActors.KubeSim.Admission;

/// <summary>Events may be named anything that is a valid URL path segment (client-go names them <c>object.hash</c>).</summary>
public sealed class EventStrategy : IResourceStrategy
{
    /// <inheritdoc />
    public IEnumerable<string> CheckName(string name) => NameRules.CheckPathSegment(name);
}
