using System.Text;
using System.Text.Json;
using AkoActors.Domain.Avi;
using Xunit;

namespace AkoActors.Domain.Tests.Avi;

/// <summary>The <c>service_metadata</c> strings are AKO's byte for byte (objects AKO made are taken over unchanged only if
/// they compare equal), and their escaping is System.Text.Json's default, whatever the names hold.</summary>
public sealed class AkoServiceMetadataTests
{
    [Fact]
    public void An_sni_child_names_its_ingresses_namespace_and_host_as_the_real_ako_wrote_it()
    {
        // Copied from the Avi state the real AKO left for the seed scenario (../shared/fixtures/ako-made/avi-state.json).
        const string akoWrote = """{"namespace_ingress_name":["shop/web"],"ingress_name":"","namespace":"shop","hostnames":["shop.ako.example.com"],"namespace_svc_name":null,"crd_status":{"type":"","value":"","status":""},"pool_ratio":0,"passthrough_parent_ref":"","passthrough_child_ref":"","gateway":"","httproute":"","insecureedgetermallow":false,"is_mci_ingress":false,"fqdn_reuse_policy":"","host_namespace_ingress_name":null}""";

        Assert.Equal(akoWrote, AkoServiceMetadata.ForSniChild("shop", ["shop/web"], "shop.ako.example.com"));
    }

    [Fact]
    public void An_l4_service_and_a_shared_parent_are_written_as_the_real_ako_wrote_them()
    {
        const string service = """{"namespace_ingress_name":null,"ingress_name":"","namespace":"","hostnames":["nginx1.default.ako.example.com"],"namespace_svc_name":["default/nginx1"],"crd_status":{"type":"","value":"","status":""},"pool_ratio":0,"passthrough_parent_ref":"","passthrough_child_ref":"","gateway":"","httproute":"","insecureedgetermallow":false,"is_mci_ingress":false,"fqdn_reuse_policy":"","host_namespace_ingress_name":null}""";
        const string empty = """{"namespace_ingress_name":null,"ingress_name":"","namespace":"","hostnames":null,"namespace_svc_name":null,"crd_status":{"type":"","value":"","status":""},"pool_ratio":0,"passthrough_parent_ref":"","passthrough_child_ref":"","gateway":"","httproute":"","insecureedgetermallow":false,"is_mci_ingress":false,"fqdn_reuse_policy":"","host_namespace_ingress_name":null}""";

        Assert.Equal(service, AkoServiceMetadata.ForService("default", "nginx1", ["nginx1.default.ako.example.com"]));
        Assert.Equal(empty, AkoServiceMetadata.Empty);
    }

    [Theory]
    [InlineData("a<b>&c", "team\"x", "h\\o.example.com")]
    [InlineData("caf\u00e9", "\u4e2d\u6587", "xn--caf-dma.example.com")]
    [InlineData("tab\there", "line\nbreak", "'quoted'+plus")]
    public void Escaping_is_the_json_writers_own(string ns, string ingress, string host)
    {
        Assert.Equal(WrittenByUtf8JsonWriter(ns, ingress, host), AkoServiceMetadata.ForIngressPool(ns, ingress, host));
        using var parsed = JsonDocument.Parse(AkoServiceMetadata.ForIngressPool(ns, ingress, host));
        Assert.Equal(ingress, parsed.RootElement.GetProperty("ingress_name").GetString());
        Assert.Equal(host, parsed.RootElement.GetProperty("hostnames")[0].GetString());
        Assert.Equal(100, parsed.RootElement.GetProperty("pool_ratio").GetInt32());
    }

    /// <summary>An Ingress pool's metadata as System.Text.Json's writer (default encoder, compact) writes it.</summary>
    private static string WrittenByUtf8JsonWriter(string ns, string ingress, string host)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNull("namespace_ingress_name");
            json.WriteString("ingress_name", ingress);
            json.WriteString("namespace", ns);
            json.WriteStartArray("hostnames");
            json.WriteStringValue(host);
            json.WriteEndArray();
            json.WriteNull("namespace_svc_name");
            json.WriteStartObject("crd_status");
            json.WriteString("type", "");
            json.WriteString("value", "");
            json.WriteString("status", "");
            json.WriteEndObject();
            json.WriteNumber("pool_ratio", 100);
            foreach (var empty in new[] { "passthrough_parent_ref", "passthrough_child_ref", "gateway", "httproute" }) json.WriteString(empty, "");
            json.WriteBoolean("insecureedgetermallow", false);
            json.WriteBoolean("is_mci_ingress", false);
            json.WriteString("fqdn_reuse_policy", "");
            json.WriteNull("host_namespace_ingress_name");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
