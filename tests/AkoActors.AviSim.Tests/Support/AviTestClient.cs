using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Tests.Support;

/// <summary>A minimal Avi REST client for tests: logs in, sends the CSRF token, tenant and user-agent headers
/// the way AKO does, and returns parsed responses (never throws on an error status).</summary>
public sealed class AviTestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClientHandler _handler;

    public AviTestClient(AviSimInstance sim, bool https = false, string tenant = "admin")
    {
        _handler = sim.CreateHttpClientHandler();
        BaseUrl = https ? sim.HttpsUrl! : sim.HttpUrl;
        _http = new HttpClient(_handler) { BaseAddress = new Uri(BaseUrl) };
        Tenant = tenant;
        Sim = sim;
    }

    public AviSimInstance Sim { get; }

    public string BaseUrl { get; }

    public string Tenant { get; set; }

    public string? CsrfToken { get; set; }

    public Dictionary<string, string> ExtraHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public CookieContainer Cookies => _handler.CookieContainer;

    public static async Task<AviTestClient> LoginAsync(AviSimInstance sim, bool https = false, string tenant = "admin")
    {
        var client = new AviTestClient(sim, https, tenant);
        var response = await client.LoginAsync(sim.Credentials!.Username, sim.Credentials.Password);
        if (response.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"login failed: {response.Status} {response.Body?.ToJsonString()}");
        }
        return client;
    }

    public async Task<AviResponse> LoginAsync(string username, string password)
    {
        var response = await SendAsync(HttpMethod.Post, "/login", new JsonObject { ["username"] = username, ["password"] = password });
        CsrfToken = Cookies.GetCookies(new Uri(BaseUrl))["csrftoken"]?.Value;
        return response;
    }

    public Task<AviResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<AviResponse> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    public Task<AviResponse> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body);

    public Task<AviResponse> PatchAsync(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<AviResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<AviResponse> SendAsync(HttpMethod method, string path, JsonNode? body) =>
        SendRawAsync(method, path, body?.ToJsonString());

    public async Task<AviResponse> SendRawAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path.StartsWith('/') ? new Uri(BaseUrl + path) : new Uri(path));
        request.Headers.Add("X-Avi-Tenant", Tenant);
        request.Headers.Add("X-Avi-Version", "22.1.3");
        request.Headers.Add("X-Avi-UserAgent", "AviSimTests");
        request.Headers.Referrer = new Uri(BaseUrl + "/");
        if (CsrfToken is not null)
        {
            request.Headers.Add("X-CSRFToken", CsrfToken);
        }
        foreach (var (name, value) in ExtraHeaders)
        {
            request.Headers.Add(name, value);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        if (text.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                parsed = JsonValue.Create(text);
            }
        }
        return new AviResponse(response.StatusCode, parsed, response);
    }

    /// <summary>Creates an object and returns its body, failing the test with the controller's error otherwise.</summary>
    public async Task<JsonObject> CreateAsync(string type, JsonObject body)
    {
        var response = await PostAsync($"/api/{type}", body);
        if (response.Status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {type} failed: {response.Status} {response.Body?.ToJsonString()}");
        }
        return response.Object;
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
