using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.AviSim;

namespace AkoActors.Simulation.Tests.Support;

/// <summary>A second writer into AviSim that is not the controller: logs in like any Avi client and writes pools as
/// "replica" <see cref="Replica"/>, with or without an owner epoch marker — to make the invariants fail on purpose.</summary>
public sealed class FakeAviWriter : IDisposable
{
    private readonly HttpClientHandler _handler;
    private readonly HttpClient _http;
    private string? _csrf;

    private FakeAviWriter(AviSimInstance avi, string replica)
    {
        _handler = avi.CreateHttpClientHandler();
        _http = new HttpClient(_handler) { BaseAddress = new Uri(avi.HttpUrl) };
        Replica = replica;
    }

    public string Replica { get; }

    public static async Task<FakeAviWriter> LoginAsync(AviSimInstance avi, string replica)
    {
        var writer = new FakeAviWriter(avi, replica);
        var login = new JsonObject { ["username"] = avi.Credentials!.Username, ["password"] = avi.Credentials.Password };
        (await writer.SendAsync(HttpMethod.Post, "/login", login)).EnsureSuccessStatusCode();
        writer._csrf = writer._handler.CookieContainer.GetCookies(new Uri(avi.HttpUrl))["csrftoken"]?.Value;
        return writer;
    }

    /// <summary>Creates the pool, or replaces it when it exists, holding <paramref name="servers"/>; stamps
    /// <paramref name="epoch"/> as AkoActors' owner epoch when given.</summary>
    public async Task WritePoolAsync(string name, long? epoch, params string[] servers)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["created_by"] = "ako-bench",
            ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
            ["servers"] = new JsonArray(servers.Select(ip => (JsonNode)new JsonObject { ["ip"] = new JsonObject { ["addr"] = ip, ["type"] = "V4" }, ["port"] = 8080 }).ToArray()),
        };
        if (epoch is { } e) body["markers"] = new JsonArray(new JsonObject { ["key"] = "ako-actors-epoch", ["values"] = new JsonArray(e.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
        using var found = await SendAsync(HttpMethod.Get, $"/api/pool?name={Uri.EscapeDataString(name)}", null);
        var existing = (JsonNode.Parse(await found.Content.ReadAsStringAsync())?["results"] as JsonArray)?.FirstOrDefault()?["uuid"]?.GetValue<string>();
        using var written = existing is null
            ? await SendAsync(HttpMethod.Post, "/api/pool", body)
            : await SendAsync(HttpMethod.Put, $"/api/pool/{existing}", body);
        if (!written.IsSuccessStatusCode) throw new InvalidOperationException($"{Replica} could not write pool {name}: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
    }

    /// <summary>Replaces the static routes of vrfcontext <paramref name="vrf"/> with <paramref name="routes"/>
    /// (<c>10.32.0.0/24 via 10.0.0.1</c>), each labelled <c>clustername=bench</c> and, when given, with
    /// <paramref name="epoch"/> as AkoActors' owner epoch: what the controller's VRF owner writes.</summary>
    public async Task WriteVrfRoutesAsync(string vrf, long? epoch, params string[] routes)
    {
        using var found = await SendAsync(HttpMethod.Get, $"/api/vrfcontext?name={Uri.EscapeDataString(vrf)}", null);
        var body = (JsonNode.Parse(await found.Content.ReadAsStringAsync())?["results"] as JsonArray)?.FirstOrDefault()?.AsObject()
            ?? throw new InvalidOperationException($"vrfcontext {vrf} is not in AviSim's profile");
        body["static_routes"] = new JsonArray(routes.Select((route, i) => (JsonNode)StaticRoute($"bench-{i + 1}", route, epoch)).ToArray());
        using var written = await SendAsync(HttpMethod.Put, $"/api/vrfcontext/{body["uuid"]!.GetValue<string>()}", body);
        if (!written.IsSuccessStatusCode) throw new InvalidOperationException($"{Replica} could not write vrfcontext {vrf}: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
    }

    private static JsonObject StaticRoute(string id, string route, long? epoch)
    {
        var parts = route.Split(' ');
        var prefix = parts[0].Split('/');
        var labels = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = "bench" });
        if (epoch is { } e) labels.Add(new JsonObject { ["key"] = "ako-actors-epoch", ["value"] = e.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new JsonObject
        {
            ["route_id"] = id,
            ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = prefix[0], ["type"] = "V4" }, ["mask"] = int.Parse(prefix[1], System.Globalization.CultureInfo.InvariantCulture) },
            ["next_hop"] = new JsonObject { ["addr"] = parts[2], ["type"] = "V4" },
            ["labels"] = labels,
        };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Avi-Tenant", "admin");
        request.Headers.Add("X-Avi-Version", "22.1.3");
        request.Headers.Add("X-Ako-Replica", Replica);
        request.Headers.Referrer = new Uri(_http.BaseAddress!, "/");
        if (_csrf is not null) request.Headers.Add("X-CSRFToken", _csrf);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return await _http.SendAsync(request);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
