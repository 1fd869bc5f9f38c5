using k8s;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Tests;

/// <summary>The REST protocol at the wire: discovery, selectors, paging, paths, Status errors and refusals of bad input.</summary>
public class RestSemanticsTests
{
    private static string ConfigMap(string name, string labels = "{}") =>
        new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = JsonNode.Parse(labels) } }.ToJsonString();

    private static async Task<List<string>> NamesAsync(SimulatorScope sim, string path)
    {
        var (code, body) = await sim.GetAsync(path);
        Assert.True(code == 200, $"GET {path} answered {code}: {body}");
        return body!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToList();
    }

    [Fact]
    public async Task Discovery_lists_kinds_short_names_verbs_and_subresources()
    {
        await using var sim = await SimulatorScope.StartAsync();

        var (_, core) = await sim.GetAsync("/api/v1");
        var (_, apps) = await sim.GetAsync("/apis/apps/v1");
        var (_, groups) = await sim.GetAsync("/apis");
        var (_, version) = await sim.GetAsync("/version");

        var services = core!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "services")!;
        Assert.Equal("Service", (string?)services["kind"]);
        Assert.True((bool)services["namespaced"]!);
        Assert.Contains("svc", services["shortNames"]!.AsArray().Select(s => (string?)s));
        Assert.Contains("watch", services["verbs"]!.AsArray().Select(s => (string?)s));
        Assert.Contains(core["resources"]!.AsArray(), r => (string?)r!["name"] == "services/status");
        Assert.False((bool)core["resources"]!.AsArray().Single(r => (string?)r!["name"] == "nodes")!["namespaced"]!);
        var scale = apps!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "deployments/scale")!;
        Assert.Equal("autoscaling", (string?)scale["group"]);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal(["apps", "discovery.k8s.io", "networking.k8s.io", "events.k8s.io", "coordination.k8s.io", "rbac.authorization.k8s.io", "policy", "authorization.k8s.io", "apiextensions.k8s.io"], groups!["groups"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Equal("1", (string?)version!["major"]);
    }

    [Fact]
    public async Task Label_selectors_support_equality_sets_and_existence()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("red-web", """{"team":"red","tier":"web"}"""));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("red-db", """{"team":"red","tier":"db"}"""));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("blue-web", """{"team":"blue","tier":"web"}"""));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("plain"));
        const string path = "/api/v1/namespaces/default/configmaps?labelSelector=";

        Assert.Equal(["red-db", "red-web"], await NamesAsync(sim, path + Uri.EscapeDataString("team=red")));
        Assert.Equal(["red-db", "red-web"], await NamesAsync(sim, path + Uri.EscapeDataString("team==red")));
        Assert.Equal(["blue-web", "plain"], await NamesAsync(sim, path + Uri.EscapeDataString("team!=red")));
        Assert.Equal(["blue-web", "red-db", "red-web"], await NamesAsync(sim, path + Uri.EscapeDataString("team in (red, blue)")));
        Assert.Equal(["plain", "red-db"], await NamesAsync(sim, path + Uri.EscapeDataString("tier notin (web)")));
        Assert.Equal(["blue-web", "red-db", "red-web"], await NamesAsync(sim, path + Uri.EscapeDataString("tier")));
        Assert.Equal(["plain"], await NamesAsync(sim, path + Uri.EscapeDataString("!tier")));
        Assert.Equal(["red-web"], await NamesAsync(sim, path + Uri.EscapeDataString("team=red,tier=web")));
        var (code, body) = await sim.GetAsync(path + Uri.EscapeDataString("team in red"));
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", (string?)body!["reason"]);
    }

    [Fact]
    public async Task Field_selectors_select_by_name_and_namespace_and_refuse_unknown_fields()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("a"));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/avi-system/configmaps", ConfigMap("a"));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("b"));

        Assert.Equal(["a", "a"], await NamesAsync(sim, "/api/v1/configmaps?fieldSelector=metadata.name%3Da"));
        Assert.Equal(["a"], await NamesAsync(sim, "/api/v1/configmaps?fieldSelector=metadata.name%3Da,metadata.namespace%3Davi-system"));
        Assert.Equal(["b"], await NamesAsync(sim, "/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name!%3Da"));
        var (code, body) = await sim.GetAsync("/api/v1/configmaps?fieldSelector=data.x%3Dy");
        Assert.Equal(400, code);
        Assert.Equal("field label not supported: data.x", (string?)body!["message"]);
    }

    [Fact]
    public async Task Limit_and_continue_page_through_a_consistent_snapshot()
    {
        await using var sim = await SimulatorScope.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap($"cm-{i}"));
        }
        var names = new List<string>();
        var (_, page) = await sim.GetAsync("/api/v1/namespaces/default/configmaps?limit=3");
        var listVersion = (string?)page!["metadata"]!["resourceVersion"];
        Assert.Equal(4, (int?)page["metadata"]!["remainingItemCount"]);
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("cm-9-late"));
        while (true)
        {
            names.AddRange(page!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
            Assert.Equal(listVersion, (string?)page["metadata"]!["resourceVersion"]);
            if ((string?)page["metadata"]!["continue"] is not { } token)
            {
                break;
            }
            (_, page) = await sim.GetAsync($"/api/v1/namespaces/default/configmaps?limit=3&continue={Uri.EscapeDataString(token)}");
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), names);
        var (code, _) = await sim.GetAsync("/api/v1/namespaces/default/configmaps?limit=3&continue=garbage");
        Assert.Equal(400, code);
    }

    [Fact]
    public async Task Namespaced_and_cluster_scoped_resources_have_their_own_paths()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("a"));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/avi-system/configmaps", ConfigMap("b"));

        Assert.Equal(["b", "a"], await NamesAsync(sim, "/api/v1/configmaps"));
        Assert.Equal(["a"], await NamesAsync(sim, "/api/v1/namespaces/default/configmaps"));
        Assert.Equal(200, (await sim.GetAsync("/api/v1/nodes/avi-node1")).Code);
        Assert.Equal(404, (await sim.GetAsync("/api/v1/namespaces/default/nodes/avi-node1")).Code);
        Assert.Equal(404, (await sim.GetAsync("/api/v1/configmaps/a")).Code);
        Assert.Equal(404, (await sim.GetAsync("/apis/apps/v1/namespaces/default/gadgets")).Code);
        var (code, created) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/nowhere/configmaps", ConfigMap("c"));
        Assert.Equal(404, code);
        Assert.Equal("namespaces \"nowhere\" not found", (string?)created!["message"]);
    }

    [Fact]
    public async Task Invalid_objects_are_422_with_causes_naming_each_field()
    {
        await using var sim = await SimulatorScope.StartAsync();

        var (code, body) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"Web_1"},"spec":{"type":"Magic","ports":[{"port":0}]}}""");

        Assert.Equal(422, code);
        Assert.Equal("Status", (string?)body!["kind"]);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Equal("Service", (string?)body["details"]!["kind"]);
        var fields = body["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.StartsWith("Service \"Web_1\" is invalid: ", (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}""", 400, "BadRequest")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"}}""", 400, "BadRequest")]
    [InlineData("application/yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n", 400, "BadRequest")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}}""", 400, "BadRequest")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"UPPER"}}""", 422, "Invalid")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", 422, "Invalid")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"bad key!":"x"}}}""", 422, "Invalid")]
    [InlineData("text/plain", "hello", 415, "UnsupportedMediaType")]
    public async Task Bad_input_is_refused_with_a_Status_and_changes_nothing(string contentType, string body, int expectedCode, string expectedReason)
    {
        await using var sim = await SimulatorScope.StartAsync();
        var before = sim.Server.Store.ResourceVersion;

        var (code, status) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body, contentType);

        Assert.Equal(expectedCode, code);
        Assert.Equal("Status", (string?)status!["kind"]);
        Assert.Equal(expectedReason, (string?)status["reason"]);
        Assert.Equal(expectedCode, (int?)status["code"]);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
        Assert.Empty(await NamesAsync(sim, "/api/v1/namespaces/default/configmaps"));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":70000}]}}""", "spec.ports[0].port")]
    [InlineData("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80,"protocol":"HTTP"}]}}""", "spec.ports[0].protocol")]
    [InlineData("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{}}""", "spec.ports")]
    [InlineData("/apis/networking.k8s.io/v1/namespaces/default/ingresses", """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"rules":[{"host":"a.example.com","http":{"paths":[{"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""", "spec.rules[0].http.paths[0].pathType")]
    [InlineData("/apis/networking.k8s.io/v1/namespaces/default/ingresses", """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"rules":[{"host":"a.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{}}}}]}}]}}""", "spec.rules[0].http.paths[0].backend.service.port")]
    [InlineData("/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""", "spec.selector")]
    [InlineData("/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"other"}},"spec":{"containers":[{"name":"web"}]}}}}""", "spec.template.spec.containers[0].image")]
    public async Task Missing_or_invalid_fields_are_422_naming_the_field(string path, string body, string field)
    {
        await using var sim = await SimulatorScope.StartAsync();
        var before = sim.Server.Store.ResourceVersion;

        var (code, status) = await sim.SendAsync(HttpMethod.Post, path, body);

        Assert.Equal(422, code);
        Assert.Contains(field, status!["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]));
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
    }

    [Fact]
    public async Task Undeclared_fields_are_refused_under_strict_validation_and_dropped_with_a_warning_otherwise()
    {
        await using var sim = await SimulatorScope.StartAsync();
        const string body = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"portz":[1],"ports":[{"port":80,"bogus":true}]}}""";
        var before = sim.Server.Store.ResourceVersion;

        var (strictCode, strict) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services?fieldValidation=Strict", body);
        Assert.Equal(400, strictCode);
        Assert.Equal("Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.portz\", unknown field \"spec.ports[0].bogus\"", (string?)strict!["message"]);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/services") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        using var response = await sim.Http.SendAsync(request);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.portz\\\"\"", "299 - \"unknown field \\\"spec.ports[0].bogus\\\"\""], response.Headers.GetValues("Warning"));
        var (_, stored) = await sim.GetAsync("/api/v1/namespaces/default/services/web");
        Assert.Null(stored!["spec"]!["portz"]);
        Assert.Null(stored["spec"]!["ports"]![0]!["bogus"]);
    }

    [Theory]
    [InlineData("""{"spec":{"ports":[{"port":"eighty"}]}}""", "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32")]
    [InlineData("""{"spec":{"ports":{"port":80}}}""", "json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort")]
    [InlineData("""{"metadata":{"labels":{"a":1}},"spec":{"ports":[{"port":80}]}}""", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")]
    public async Task Values_of_the_wrong_type_are_400_with_the_decoder_message(string fragment, string message)
    {
        await using var sim = await SimulatorScope.StartAsync();
        var body = JsonNode.Parse(fragment)!.AsObject();
        body["apiVersion"] = "v1";
        body["kind"] = "Service";
        body["metadata"] ??= new JsonObject();
        body["metadata"]!["name"] = "web";

        var (code, status) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", body.ToJsonString());

        Assert.Equal(400, code);
        Assert.Equal($"Service in version \"v1\" cannot be handled as a Service: {message}", (string?)status!["message"]);
    }

    [Fact]
    public async Task Apply_patches_are_refused_with_415_and_yaml_bodies_are_accepted()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var (created, _) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  port: \"80\"\n", "application/yaml");

        var (code, status) = await sim.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/a", "data: {x: y}", "application/apply-patch+yaml");

        Assert.Equal(201, created);
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", (string?)status!["reason"]);
    }

    [Fact]
    public async Task Requests_without_the_bearer_token_are_401_but_version_is_public()
    {
        await using var sim = await SimulatorScope.StartAsync();
        using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(sim.Server.Url) };

        var denied = await anonymous.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        var version = await anonymous.GetAsync(new Uri("/version", UriKind.Relative));

        Assert.Equal(401, (int)denied.StatusCode);
        Assert.Equal("Unauthorized", (string?)JsonNode.Parse(await denied.Content.ReadAsStringAsync())!["reason"]);
        Assert.Equal(200, (int)version.StatusCode);
    }

    [Fact]
    public async Task Tables_for_kubectl_get_show_pending_load_balancers_and_a_default_layout()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"LoadBalancer","ports":[{"port":80}]}}""");
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("a"));
        const string table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

        var (_, services) = await sim.GetAsync("/api/v1/namespaces/default/services", table);
        var (_, maps) = await sim.GetAsync("/api/v1/namespaces/default/configmaps", table);

        Assert.Equal("Table", (string?)services!["kind"]);
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], services["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        var web = services["rows"]!.AsArray().Select(r => r!["cells"]!.AsArray()).Single(c => (string?)c[0] == "web");
        Assert.Equal("<pending>", (string?)web[3]);
        Assert.Matches(@"^80:3\d{4}/TCP$", (string?)web[4]);
        Assert.Equal("PartialObjectMetadata", (string?)services["rows"]![0]!["object"]!["kind"]);
        Assert.Equal(["Name", "Data", "Age"], maps!["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task Watch_paths_and_events_k8s_io_watches_carry_the_same_changes()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var start = sim.Server.Store.ResourceVersion;
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/events", """{"metadata":{"name":"e1"},"involvedObject":{"kind":"Service","name":"web","namespace":"default"},"reason":"Synced","message":"hello","type":"Normal"}""");

        var legacy = await FirstLineAsync(sim, $"/api/v1/watch/namespaces/default/events?resourceVersion={start}");
        var modern = await FirstLineAsync(sim, $"/apis/events.k8s.io/v1/namespaces/default/events?watch=true&resourceVersion={start}");

        Assert.Equal("ADDED", (string?)legacy["type"]);
        Assert.Equal("hello", (string?)legacy["object"]!["message"]);
        Assert.Equal("events.k8s.io/v1", (string?)modern["object"]!["apiVersion"]);
        Assert.Equal("hello", (string?)modern["object"]!["note"]);
        Assert.Equal("web", (string?)modern["object"]!["regarding"]!["name"]);
    }

    private static async Task<JsonNode> FirstLineAsync(SimulatorScope sim, string path)
    {
        using var response = await sim.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return JsonNode.Parse(await reader.ReadLineAsync() ?? "null")!;
    }

    [Fact]
    public async Task Pod_logs_explain_that_simulated_pods_have_none()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}]}}""");

        var text = await sim.Http.GetStringAsync(new Uri("/api/v1/namespaces/default/pods/p/log", UriKind.Relative));

        Assert.Contains("simulated", text, StringComparison.Ordinal);
        Assert.Equal(404, (await sim.GetAsync("/api/v1/namespaces/default/pods/missing/log")).Code);
    }

    [Fact]
    public async Task Dry_run_creates_answer_without_storing()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var before = sim.Server.Store.ResourceVersion;

        var (code, body) = await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?dryRun=All", ConfigMap("a"));

        Assert.Equal(201, code);
        Assert.Equal("a", (string?)body!["metadata"]!["name"]);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
        Assert.Equal(404, (await sim.GetAsync("/api/v1/namespaces/default/configmaps/a")).Code);
    }

    [Fact]
    public async Task Delete_collection_removes_only_the_selected_objects()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("a", """{"x":"1"}"""));
        await sim.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("b", """{"x":"2"}"""));

        var (code, _) = await sim.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps?labelSelector=x%3D1");

        Assert.Equal(200, code);
        Assert.Equal(["b"], await NamesAsync(sim, "/api/v1/namespaces/default/configmaps"));
    }

    [Fact]
    public async Task Plain_http_without_token_can_be_chosen_for_tests()
    {
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { UseHttps = false, RequireToken = false, Workloads = WorkloadOptions.None });

        Assert.StartsWith("http://127.0.0.1:", sim.Server.Url, StringComparison.Ordinal);
        Assert.Null(sim.Server.Token);
        Assert.Equal(6, (await NamesAsync(sim, "/api/v1/nodes")).Count);
        Assert.Equal(6, (await sim.Client.CoreV1.ListNodeAsync()).Items.Count);
    }
}
