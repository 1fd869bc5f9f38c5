using System.Text.Json.Nodes;
using AkoActors.KubeSim.Patching;

namespace AkoActors.KubeSim.Tests;

/// <summary>Strategic merge patch as kubectl apply, edit and set produce it for the built-in kinds.</summary>
public class StrategicMergePatchTests
{
    private static JsonObject Apply(string original, string patch, string kind = "Deployment") =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(patch), kind);

    private const string TwoContainers = """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1","ports":[{"containerPort":80},{"containerPort":443}]},{"name":"side","image":"envoy:1"}]}}}}""";

    [Fact]
    public void Containers_merge_by_name_and_their_ports_by_container_port()
    {
        var result = Apply(TwoContainers, """{"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"name":"http"}]}]}}}}""");

        var web = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1", (string?)web["image"]);
        Assert.Equal("""[{"containerPort":80,"name":"http"},{"containerPort":443}]""", web["ports"]!.ToJsonString());
        Assert.Equal("side", (string?)result["spec"]!["template"]!["spec"]!["containers"]![1]!["name"]);
    }

    [Fact]
    public void Patch_delete_directive_removes_the_element_with_that_key()
    {
        var result = Apply(TwoContainers, """{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}""");

        Assert.Equal(["web"], result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Set_element_order_reorders_the_merged_list()
    {
        var result = Apply(TwoContainers, """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"side","image":"envoy:2"}]}}}}""");

        Assert.Equal(["side=envoy:2", "web=nginx:1"], result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => $"{c!["name"]}={c["image"]}"));
    }

    [Fact]
    public void Lists_without_a_merge_key_are_replaced_and_null_deletes_a_field()
    {
        var result = Apply(
            """{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"rules":[{"host":"a"},{"host":"b"}]}}""",
            """{"metadata":{"labels":{"b":null}},"spec":{"rules":[{"host":"c"}]}}""",
            "Ingress");

        Assert.Equal("""{"a":"1"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("""[{"host":"c"}]""", result["spec"]!["rules"]!.ToJsonString());
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_can_be_removed_with_the_delete_directive()
    {
        var merged = Apply("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""", "ConfigMap");
        var removed = Apply("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""", "ConfigMap");

        Assert.Equal("""["a","b","c"]""", merged["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""["b"]""", removed["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Service_ports_merge_by_port_and_status_conditions_by_type()
    {
        var ports = Apply("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}}""", """{"spec":{"ports":[{"port":443,"targetPort":8443}]}}""", "Service");
        var conditions = Apply("""{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Other","status":"True"}]}}""", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", "Pod");

        Assert.Equal("""[{"port":80,"name":"http"},{"port":443,"name":"https","targetPort":8443}]""", ports["spec"]!["ports"]!.ToJsonString());
        Assert.Equal("""[{"type":"Ready","status":"True"},{"type":"Other","status":"True"}]""", conditions["status"]!["conditions"]!.ToJsonString());
    }

    [Fact]
    public void Replace_and_retain_keys_directives_drop_what_the_patch_does_not_name()
    {
        var replaced = Apply("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""", """{"spec":{"strategy":{"$patch":"replace","type":"Recreate"}}}""");
        var retained = Apply("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""", """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        Assert.Equal("""{"type":"Recreate"}""", replaced["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal("""{"type":"Recreate"}""", retained["spec"]!["strategy"]!.ToJsonString());
    }
}
