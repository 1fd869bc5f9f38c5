using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A pool: the servers behind one Service port (or one Ingress host/path) and how they are health-checked.</summary>
/// <param name="Servers">Sorted by IP then port, so equal sets compare equal whatever order endpoints arrived in.</param>
public sealed record PoolSpec(
    string Name,
    EquatableArray<PoolServer> Servers,
    EquatableArray<string> HealthMonitors,
    string CloudName,
    string VrfName,
    AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.Pool;

    public override IEnumerable<AviRef> References => [];
}
