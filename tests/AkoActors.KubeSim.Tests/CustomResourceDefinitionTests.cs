using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// CustomResourceDefinitions through KubernetesClient and plain HTTP, with a CRD written here (so a clone without
/// ../shared tests it too): served resources, versions, schema validation and defaults, subresources, patches, removal.
/// </summary>
public class CustomResourceDefinitionTests
{
    // Two versions (v1 stores, v1alpha1 is only served), a status subresource, printer columns, and a schema using
    // every construct KubeSim validates: required, enum, pattern, bounds, lengths, nested objects, arrays, defaults,
    // int-or-string and a subtree that keeps unknown fields.
    private const string WidgetCrd = """
        {
          "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
          "metadata": {"name": "widgets.sim.example.com"},
          "spec": {
            "group": "sim.example.com", "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]},
            "versions": [
              {"name": "v1alpha1", "served": true, "storage": false, "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}},
              {"name": "v1", "served": true, "storage": true,
               "subresources": {"status": {}},
               "additionalPrinterColumns": [
                 {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                 {"name": "Phase", "type": "string", "jsonPath": ".status.phase"},
                 {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"}],
               "schema": {"openAPIV3Schema": {
                 "type": "object",
                 "properties": {
                   "spec": {
                     "type": "object", "required": ["host"],
                     "properties": {
                       "host": {"type": "string", "pattern": "^[a-z0-9.-]+$", "maxLength": 20},
                       "mode": {"type": "string", "enum": ["Exact", "Wildcard"], "default": "Exact"},
                       "size": {"type": "integer", "minimum": 1, "maximum": 10, "default": 3},
                       "port": {"x-kubernetes-int-or-string": true},
                       "backends": {"type": "array", "maxItems": 2, "items": {
                         "type": "object", "required": ["name"],
                         "properties": {"name": {"type": "string", "minLength": 1}, "weight": {"type": "integer", "default": 1}}}},
                       "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
                     }
                   },
                   "status": {"type": "object", "properties": {
                     "phase": {"type": "string"},
                     "conditions": {"type": "array", "items": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "string"}}}}}}
                 }}}}
            ]
          }
        }
        """;

    private static async Task<SimulatorScope> StartWithWidgetsAsync()
    {
        var sim = await SimulatorScope.StartAsync();
        var (code, body) = await sim.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd);
        Assert.True(code == 201, body?.ToJsonString());
        return sim;
    }

    private static JsonObject Widget(string name, string spec, string apiVersion = "sim.example.com/v1") =>
        JsonNode.Parse($$"""{"apiVersion": "{{apiVersion}}", "kind": "Widget", "metadata": {"name": "{{name}}"}, "spec": {{spec}}}""")!.AsObject();

    private static Task<(int Code, JsonNode? Body)> CreateWidgetAsync(SimulatorScope sim, string name, string spec, string version = "v1") =>
        sim.SendAsync(HttpMethod.Post, $"/apis/sim.example.com/{version}/namespaces/default/widgets?fieldValidation=Strict", Widget(name, spec, $"sim.example.com/{version}").ToJsonString());

    [Fact]
    public async Task A_created_definition_is_established_and_its_resources_are_discoverable()
    {
        await using var sim = await StartWithWidgetsAsync();

        var crd = await sim.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.sim.example.com");
        Assert.Equal(["True", "True"], crd.Status.Conditions.Where(c => c.Type is "Established" or "NamesAccepted").Select(c => c.Status));
        Assert.Equal(["v1"], crd.Status.StoredVersions);
        Assert.Equal("WidgetList", crd.Status.AcceptedNames.ListKind);

        var (_, group) = await sim.GetAsync("/apis/sim.example.com");
        Assert.Equal("sim.example.com/v1", (string?)group!["preferredVersion"]!["groupVersion"]);
        Assert.Equal(["v1", "v1alpha1"], group["versions"]!.AsArray().Select(v => (string)v!["version"]!));
        var (_, resources) = await sim.GetAsync("/apis/sim.example.com/v1");
        var names = resources!["resources"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
        Assert.Equal(["widgets", "widgets/status"], names);
        Assert.Equal(["wd"], resources["resources"]![0]!["shortNames"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("sim.example.com", (await sim.GetAsync("/apis")).Body!["groups"]!.AsArray().Select(g => (string)g!["name"]!));
    }

    [Fact]
    public async Task Custom_resources_get_defaults_are_served_in_every_version_and_listed_and_watched()
    {
        await using var sim = await StartWithWidgetsAsync();
        var since = sim.Server.Store.ResourceVersion;

        var (code, created) = await CreateWidgetAsync(sim, "w1", """{"host": "a.example.com", "backends": [{"name": "b1"}], "extra": {"anything": {"goes": 1}}}""");

        Assert.Equal(201, code);
        Assert.Equal("Exact", (string?)created!["spec"]!["mode"]);
        Assert.Equal(3, (int)created["spec"]!["size"]!);
        Assert.Equal(1, (int)created["spec"]!["backends"]![0]!["weight"]!);
        Assert.Equal(1, (int)created["spec"]!["extra"]!["anything"]!["goes"]!);
        Assert.Equal(1, (long)created["metadata"]!["generation"]!);
        var old = await sim.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("sim.example.com", "v1alpha1", "default", "widgets", "w1");
        Assert.Equal("sim.example.com/v1alpha1", old.GetProperty("apiVersion").GetString());
        Assert.Equal("a.example.com", old.GetProperty("spec").GetProperty("host").GetString());
        var list = await sim.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>("sim.example.com", "v1", "default", "widgets");
        Assert.Equal("WidgetList", list.GetProperty("kind").GetString());
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var watched = await sim.Http.GetStringAsync(new Uri($"/apis/sim.example.com/v1/namespaces/default/widgets?watch=1&timeoutSeconds=1&resourceVersion={since}", UriKind.Relative));
        var added = JsonNode.Parse(watched.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!;
        Assert.Equal("ADDED", (string?)added["type"]);
        Assert.Equal("w1", (string?)added["object"]!["metadata"]!["name"]);

        // Written through the served-only version: stored in the storage version, read back in either.
        Assert.Equal(201, (await CreateWidgetAsync(sim, "w2", """{"host": "b.example.com"}""", "v1alpha1")).Code);
        Assert.Equal("sim.example.com/v1", (await sim.GetAsync("/apis/sim.example.com/v1/namespaces/default/widgets/w2")).Body!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_custom_resources_are_refused_with_kube_apiservers_wording_and_nothing_is_stored()
    {
        await using var sim = await StartWithWidgetsAsync();
        var before = sim.Server.Store.ResourceVersion;

        var (code, status) = await CreateWidgetAsync(sim, "bad", """{"host": "UPPER", "mode": "Fuzzy", "size": 11, "port": true, "backends": [{"name": ""}, {"weight": 2}, {"name": "c"}]}""");
        var (typeCode, typeStatus) = await CreateWidgetAsync(sim, "bad", """{"host": "a", "size": "three"}""");
        var (missingCode, missingStatus) = await CreateWidgetAsync(sim, "bad", """{"mode": "Exact"}""");
        var (unknownCode, unknownStatus) = await CreateWidgetAsync(sim, "bad", """{"host": "a", "sise": 2}""");
        var (longCode, longStatus) = await CreateWidgetAsync(sim, "bad", """{"host": "a-very-long-host-name.example.com", "size": 0}""");

        Assert.Equal(422, code);
        var message = (string)status!["message"]!;
        Assert.StartsWith("Widget.sim.example.com \"bad\" is invalid: [", message, StringComparison.Ordinal);
        Assert.Contains("spec.host: Invalid value: \"UPPER\": spec.host in body should match '^[a-z0-9.-]+$'", message, StringComparison.Ordinal);
        Assert.Contains("spec.mode: Unsupported value: \"Fuzzy\": supported values: \"Exact\", \"Wildcard\"", message, StringComparison.Ordinal);
        Assert.Contains("spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10", message, StringComparison.Ordinal);
        Assert.Contains("spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"", message, StringComparison.Ordinal);
        Assert.Contains("spec.backends: Too many: 3: must have at most 2 items", message, StringComparison.Ordinal);
        Assert.Contains("spec.backends[0].name: Invalid value: \"\": spec.backends[0].name in body should be at least 1 chars long", message, StringComparison.Ordinal);
        Assert.Contains("spec.backends[1].name: Required value", message, StringComparison.Ordinal);
        Assert.Contains(status["details"]!["causes"]!.AsArray(), c => (string?)c!["field"] == "spec.mode" && (string?)c["reason"] == "FieldValueNotSupported");
        Assert.Equal(422, typeCode);
        Assert.Contains("spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"", (string)typeStatus!["message"]!, StringComparison.Ordinal);
        Assert.Equal(422, missingCode);
        Assert.Contains("spec.host: Required value", (string)missingStatus!["message"]!, StringComparison.Ordinal);
        Assert.Equal(400, unknownCode);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.sise\"", (string)unknownStatus!["message"]!);
        Assert.Equal(422, longCode);
        Assert.Contains("spec.host: Too long: may not be more than 20 bytes", (string)longStatus!["message"]!, StringComparison.Ordinal);
        Assert.Contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", (string)longStatus["message"]!, StringComparison.Ordinal);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
    }

    [Fact]
    public async Task Merge_and_json_patches_apply_strategic_merge_is_refused_and_status_is_its_own_subresource()
    {
        await using var sim = await StartWithWidgetsAsync();
        await CreateWidgetAsync(sim, "w1", """{"host": "a.example.com"}""");
        const string item = "/apis/sim.example.com/v1/namespaces/default/widgets/w1";

        var merged = await sim.SendAsync(HttpMethod.Patch, item, """{"spec": {"size": 5}, "status": {"phase": "Ignored"}}""", "application/merge-patch+json");
        var json = await sim.SendAsync(HttpMethod.Patch, item, """[{"op": "replace", "path": "/spec/host", "value": "b.example.com"}]""", "application/json-patch+json");
        var strategic = await sim.SendAsync(HttpMethod.Patch, item, """{"spec": {"size": 6}}""", "application/strategic-merge-patch+json");
        var invalid = await sim.SendAsync(HttpMethod.Patch, item, """{"spec": {"size": 60}}""", "application/merge-patch+json");
        var status = await sim.SendAsync(HttpMethod.Patch, item + "/status", """{"spec": {"size": 9}, "status": {"phase": "Ready", "conditions": [{"type": "Ready", "status": "True"}]}}""", "application/merge-patch+json");

        Assert.Equal(200, merged.Code);
        Assert.Equal(5, (int)merged.Body!["spec"]!["size"]!);
        Assert.Null(merged.Body["status"]);
        Assert.Equal(2, (long)merged.Body["metadata"]!["generation"]!);
        Assert.Equal("b.example.com", (string?)json.Body!["spec"]!["host"]);
        Assert.Equal(415, strategic.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", (string?)strategic.Body!["message"]);
        Assert.Equal(422, invalid.Code);
        Assert.Equal(200, status.Code);
        Assert.Equal("Ready", (string?)status.Body!["status"]!["phase"]);
        Assert.Equal(5, (int)status.Body["spec"]!["size"]!);
        Assert.Equal(3, (long)status.Body["metadata"]!["generation"]!);

        var table = (await sim.GetAsync("/apis/sim.example.com/v1/namespaces/default/widgets", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")).Body!;
        Assert.Equal(["Name", "Size", "Phase", "Ready"], table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal("[\"w1\",5,\"Ready\",\"True\"]", table["rows"]![0]!["cells"]!.ToJsonString());
    }

    [Fact]
    public async Task Cluster_scoped_definitions_serve_cluster_objects_and_deleting_a_definition_removes_its_resources()
    {
        await using var sim = await StartWithWidgetsAsync();
        var clusterCrd = JsonNode.Parse(WidgetCrd)!.AsObject();
        clusterCrd["metadata"]!["name"] = "gadgets.sim.example.com";
        clusterCrd["spec"]!["scope"] = "Cluster";
        clusterCrd["spec"]!["names"] = new JsonObject { ["plural"] = "gadgets", ["kind"] = "Gadget" };
        Assert.Equal(201, (await sim.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", clusterCrd.ToJsonString())).Code);
        var gadget = Widget("g1", """{"host": "g.example.com"}""");
        gadget["kind"] = "Gadget";

        await sim.Client.CustomObjects.CreateClusterCustomObjectAsync(gadget, "sim.example.com", "v1", "gadgets");
        await CreateWidgetAsync(sim, "w1", """{"host": "a.example.com"}""");

        Assert.Null((await sim.Client.CustomObjects.GetClusterCustomObjectAsync<JsonElement>("sim.example.com", "v1", "gadgets", "g1")).GetProperty("metadata").TryGetProperty("namespace", out _) ? "namespaced" : null);
        Assert.Equal("gadget", (string?)(await sim.GetAsync("/apis/sim.example.com/v1")).Body!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "gadgets")!["singularName"]);

        await sim.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.sim.example.com");

        Assert.Equal(404, (await sim.GetAsync("/apis/sim.example.com/v1/namespaces/default/widgets/w1")).Code);
        Assert.DoesNotContain((await sim.GetAsync("/apis/sim.example.com/v1")).Body!["resources"]!.AsArray(), r => (string?)r!["name"] == "widgets");
        Assert.Empty(sim.Server.Store.Snapshot("widgets.sim.example.com").Items);
        var recreated = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("sim.example.com", "v1", "default", "widgets", "w1"));
        Assert.Equal(HttpStatusCode.NotFound, recreated.Response.StatusCode);
        Assert.Equal(200, (await sim.GetAsync("/apis/sim.example.com/v1/gadgets/g1")).Code);
    }

    [Fact]
    public async Task A_definition_is_refused_with_kube_apiservers_wording_when_its_name_or_versions_are_wrong()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var broken = JsonNode.Parse(WidgetCrd)!.AsObject();
        broken["metadata"]!["name"] = "widgets.other.example.com";
        broken["spec"]!["versions"]![0]!["storage"] = true;
        broken["spec"]!["scope"] = "Galaxy";

        var (code, status) = await sim.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", broken.ToJsonString());

        Assert.Equal(422, code);
        var message = (string)status!["message"]!;
        Assert.Contains("metadata.name: Invalid value: \"widgets.other.example.com\": must be spec.names.plural+\".\"+spec.group", message, StringComparison.Ordinal);
        Assert.Contains("spec.scope: Unsupported value: \"Galaxy\": supported values: \"Cluster\", \"Namespaced\"", message, StringComparison.Ordinal);
        Assert.Contains("must have exactly one version marked as storage version", message, StringComparison.Ordinal);
        Assert.Equal(404, (await sim.GetAsync("/apis/sim.example.com/v1")).Code);
    }
}
