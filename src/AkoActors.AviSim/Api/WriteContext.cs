using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>One create or replace in progress under the store gate: the candidate document (refs already
/// canonical), the version it replaces, and the side effects to run only if every rule accepts it.</summary>
internal sealed class WriteContext(AviObjectType type, JsonObject document, StoredObject? previous, string tenantUuid, string uuid)
{
    private readonly List<Action<StoredObject>> _onCommit = [];

    public AviObjectType Type { get; } = type;

    public JsonObject Document { get; } = document;

    public StoredObject? Previous { get; } = previous;

    public string TenantUuid { get; } = tenantUuid;

    public string Uuid { get; } = uuid;

    public bool IsCreate => Previous is null;

    /// <summary>Registers work that must happen only once the write is certain (IPAM bookkeeping, DNS).</summary>
    public void OnCommit(Action<StoredObject> action) => _onCommit.Add(action);

    public void Commit(StoredObject committed)
    {
        foreach (var action in _onCommit)
        {
            action(committed);
        }
    }
}
