using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AkoActors.Domain.Avi;

/// <summary>The <c>service_metadata</c> string AKO writes on virtual services and pools, byte for byte (every key of its
/// ServiceMetadataObj, in its order, Go's compact encoding): AMKO and AKO itself read it to map Avi objects back to
/// Kubernetes, and writing it exactly as AKO does leaves objects AKO made unchanged when they are taken over.</summary>
public static class AkoServiceMetadata
{
    /// <summary>Shared L7 parents and L4 pools: every field at its zero value.</summary>
    public static string Empty { get; } = Build(null, "", "", null, null, 0);

    /// <summary>An L4 virtual service: the Service as <c>namespace/name</c> and its FQDNs.</summary>
    public static string ForService(string ns, string name, IReadOnlyCollection<string> hostnames) =>
        Build(null, "", "", hostnames.Count == 0 ? null : hostnames, [$"{ns}/{name}"], 0);

    /// <summary>A shared-VIP group's VS: the FQDNs of every member, no Service (AKO lists the members on their pools).</summary>
    public static string ForSharedVip(IReadOnlyCollection<string> hostnames) => Build(null, "", "", hostnames.Count == 0 ? null : hostnames, null, 0);

    /// <summary>A shared-VIP group's pool: its Service as <c>namespace/name</c> and that Service's FQDN.</summary>
    public static string ForSharedVipPool(string ns, string name, IReadOnlyCollection<string> hostnames) =>
        Build(null, "", "", hostnames.Count == 0 ? null : hostnames, [$"{ns}/{name}"], 0);

    /// <summary>A pool of an Ingress path: the Ingress, its namespace, the host, and AKO's default pool ratio.</summary>
    public static string ForIngressPool(string ns, string ingressName, string host) =>
        Build(null, ingressName, ns, [host], null, 100);

    /// <summary>An SNI child: the Ingresses (<c>namespace/name</c>) that serve the host over TLS.</summary>
    public static string ForSniChild(string ns, IReadOnlyCollection<string> namespacedIngresses, string host) =>
        Build(namespacedIngresses, "", ns, [host], null, 0);

    // Built as text, not through a Utf8JsonWriter: a shared VS's translation builds one per pool on every pass (thousands on a
    // large shard), and the writer's growing buffers were half of that translation's cost. The escaping is the writer's own
    // (JsonEncodedText with the default encoder), so the bytes are the same.
    private static string Build(
        IReadOnlyCollection<string>? namespaceIngressName, string ingressName, string ns,
        IReadOnlyCollection<string>? hostnames, IReadOnlyCollection<string>? namespaceSvcName, int poolRatio)
    {
        var json = new StringBuilder(384);
        json.Append("{\"namespace_ingress_name\":");
        WriteList(json, namespaceIngressName);
        json.Append(",\"ingress_name\":");
        WriteString(json, ingressName);
        json.Append(",\"namespace\":");
        WriteString(json, ns);
        json.Append(",\"hostnames\":");
        WriteList(json, hostnames);
        json.Append(",\"namespace_svc_name\":");
        WriteList(json, namespaceSvcName);
        json.Append(",\"crd_status\":{\"type\":\"\",\"value\":\"\",\"status\":\"\"},\"pool_ratio\":");
        json.Append(poolRatio.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"passthrough_parent_ref\":\"\",\"passthrough_child_ref\":\"\",\"gateway\":\"\",\"httproute\":\"\"," +
                    "\"insecureedgetermallow\":false,\"is_mci_ingress\":false,\"fqdn_reuse_policy\":\"\",\"host_namespace_ingress_name\":null}");
        return json.ToString();
    }

    private static void WriteString(StringBuilder json, string value) =>
        json.Append('"').Append(JsonEncodedText.Encode(value).Value).Append('"');

    private static void WriteList(StringBuilder json, IReadOnlyCollection<string>? values)
    {
        if (values is null)
        {
            json.Append("null");
            return;
        }
        json.Append('[');
        var first = true;
        foreach (var value in values)
        {
            if (!first) json.Append(',');
            first = false;
            WriteString(json, value);
        }
        json.Append(']');
    }
}
