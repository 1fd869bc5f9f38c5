using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Evaluates a collection query against the store: picks the narrowest index for the candidates
/// (name, then created_by, then the whole type) and checks every remaining filter per object.</summary>
internal sealed class ListFilter(ObjectStore store, ListQuery query, TenantScope scope)
{
    public IEnumerable<StoredObject> Candidates(AviObjectType type)
    {
        if (query.Name is not null && !scope.IsAllTenants)
        {
            var own = store.FindByName(scope.TenantUuid!, type.Name, query.Name);
            var shared = type.SharedFromAdmin && scope.TenantUuid != TenantScope.AdminUuid
                ? store.FindByName(TenantScope.AdminUuid, type.Name, query.Name)
                : [];
            return own.Concat(shared).OrderBy(o => o.Sequence).ToList();
        }
        if (query.CreatedBy is not null)
        {
            return store.CreatedBy(type.Name, query.CreatedBy);
        }
        return store.OfType(type.Name);
    }

    public bool Matches(StoredObject o) =>
        scope.CanSee(o) &&
        (query.Name is null || o.Name == query.Name) &&
        (query.NameIn is null || query.NameIn.Contains(o.Name)) &&
        (query.NameContains is null || o.Name.Contains(query.NameContains, StringComparison.Ordinal)) &&
        (query.CreatedBy is null || o.CreatedBy == query.CreatedBy) &&
        (query.CloudUuid is null || o.CloudUuid == query.CloudUuid) &&
        (query.CloudName is null || NameIs(o.CloudUuid, query.CloudName)) &&
        (query.VrfName is null || NameIs(o.VrfUuid, query.VrfName)) &&
        (query.SeGroupName is null || NameIs(o.SeGroupUuid, query.SeGroupName)) &&
        (query.LabelKey is null || o.Labels.Any(l => l.Key == query.LabelKey && (query.LabelValue is null || l.Value == query.LabelValue))) &&
        (query.LabelKey is not null || query.LabelValue is null || o.Labels.Any(l => l.Value == query.LabelValue));

    private bool NameIs(string? uuid, string name) => uuid is not null && store.NameOf(uuid) == name;
}
