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

    private static string Build(
        IReadOnlyCollection<string>? namespaceIngressName, string ingressName, string ns,
        IReadOnlyCollection<string>? hostnames, IReadOnlyCollection<string>? namespaceSvcName, int poolRatio)
    {
        using var buffer = new MemoryStream();
        // Go's encoding/json escapes <, > and & as \u003c...; the default encoder does too, and keeps the output compact.
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteList(json, "namespace_ingress_name", namespaceIngressName);
            json.WriteString("ingress_name", ingressName);
            json.WriteString("namespace", ns);
            WriteList(json, "hostnames", hostnames);
            WriteList(json, "namespace_svc_name", namespaceSvcName);
            json.WriteStartObject("crd_status");
            json.WriteString("type", "");
            json.WriteString("value", "");
            json.WriteString("status", "");
            json.WriteEndObject();
            json.WriteNumber("pool_ratio", poolRatio);
            json.WriteString("passthrough_parent_ref", "");
            json.WriteString("passthrough_child_ref", "");
            json.WriteString("gateway", "");
            json.WriteString("httproute", "");
            json.WriteBoolean("insecureedgetermallow", false);
            json.WriteBoolean("is_mci_ingress", false);
            json.WriteString("fqdn_reuse_policy", "");
            json.WriteNull("host_namespace_ingress_name");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyCollection<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
