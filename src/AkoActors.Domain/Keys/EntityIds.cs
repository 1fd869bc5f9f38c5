namespace AkoActors.Domain.Keys;

/// <summary>Parses sharding entity ids (<c>svc/ns/name</c>, <c>ing/ns/name</c>, ...) back into typed keys.</summary>
public static class EntityIds
{
    public static ServiceKey Service(string entityId) => Two(entityId, "svc", (a, b) => new ServiceKey(a, b));

    public static IngressKey Ingress(string entityId) => Two(entityId, "ing", (a, b) => new IngressKey(a, b));

    public static ShardVsKey ShardVs(string entityId) => Two(entityId, "vs", (a, b) => new ShardVsKey(a, b));

    public static HostRuleKey HostRule(string entityId) => Two(entityId, "hr", (a, b) => new HostRuleKey(a, b));

    public static HttpRuleKey HttpRule(string entityId) => Two(entityId, "httpr", (a, b) => new HttpRuleKey(a, b));

    public static AviInfraSettingKey AviInfraSetting(string entityId) =>
        entityId.StartsWith("ais/", StringComparison.Ordinal) && entityId.Length > 4 && !entityId.AsSpan(4).Contains('/')
            ? new AviInfraSettingKey(entityId[4..])
            : throw new FormatException($"'{entityId}' is not an AviInfraSetting entity id (ais/<name>)");

    public static VrfKey Vrf(string entityId) => Two(entityId, "vrf", (a, b) => new VrfKey(a, b));

    public static NodeKey Node(string entityId) =>
        entityId.StartsWith("node/", StringComparison.Ordinal) && entityId.Length > 5
            ? new NodeKey(entityId[5..])
            : throw new FormatException($"'{entityId}' is not a node entity id (node/<name>)");

    private static T Two<T>(string entityId, string kind, Func<string, string, T> create)
    {
        var parts = entityId.Split('/', 3);
        if (parts.Length != 3 || parts[0] != kind || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new FormatException($"'{entityId}' is not a {kind} entity id ({kind}/<namespace>/<name>)");
        }
        return create(parts[1], parts[2]);
    }
}
