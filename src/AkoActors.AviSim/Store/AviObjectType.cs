namespace AkoActors.AviSim.Store;

/// <summary>What the simulator knows about one Avi object type: its wire name, the name Avi uses in error
/// texts, and the scoping rules that decide visibility and name uniqueness.</summary>
/// <param name="Name">The collection name in URLs, e.g. <c>vsvip</c>.</param>
/// <param name="DisplayName">Avi's model name used in messages, e.g. <c>VsVip</c> in "VsVip object not found!".</param>
/// <param name="SharedFromAdmin">Objects of this type in tenant admin are visible from every tenant (system objects).</param>
/// <param name="CloudScoped">Names are unique per tenant and cloud rather than per tenant.</param>
/// <param name="Singleton">One object with uuid <c>default</c>, no name (e.g. systemconfiguration).</param>
internal sealed record AviObjectType(
    string Name,
    string DisplayName,
    bool SharedFromAdmin = false,
    bool CloudScoped = false,
    bool Singleton = false)
{
    public bool IsTenant => Name == "tenant";
}
