using System.Text.Json.Nodes;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests;

/// <summary>deleteConfig in the avi-k8s-config ConfigMap, changed live: everything this cluster made goes and statuses
/// are cleared; set back to false, everything returns — without a restart (ako-behaviour.md §6).</summary>
public sealed class DeleteConfigTests : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task DeleteConfig_true_removes_every_object_and_status_and_false_brings_them_back()
    {
        (await _world.Kubectl.RunAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: nginx1-ingress
            spec:
              rules:
              - host: nginx1.ako.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: nginx1
                        port:
                          number: 80
            """, "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(async () => await ServiceIpAsync() is not null && await IngressIpAsync() is not null, "both statuses set");
        var (foreignType, foreignName) = ("pool", "hand-made-pool");
        await CreateForeignPoolAsync(foreignName);

        await SetDeleteConfigAsync("true");

        await Eventually.HoldsAsync(async () => Owned().Count == 0 && await ServiceIpAsync() is null && await IngressIpAsync() is null,
            "every object of ours gone and both statuses cleared", TimeSpan.FromSeconds(30));
        Assert.NotNull(_world.AviObject(foreignType, foreignName));

        await SetDeleteConfigAsync("false");

        await Eventually.HoldsAsync(async () => await ServiceIpAsync() is not null && await IngressIpAsync() is not null &&
                                                _world.AviObject("virtualservice", "avi-cluster--Shared-L7-0") is not null,
            "the trees and statuses back", TimeSpan.FromSeconds(30));
    }

    private async Task SetDeleteConfigAsync(string value)
    {
        var existing = (await _world.Client.CoreV1.ListNamespacedConfigMapAsync("avi-system", fieldSelector: "metadata.name=avi-k8s-config")).Items;
        if (existing.Count == 0)
        {
            await _world.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "avi-k8s-config" },
                Data = new Dictionary<string, string> { ["deleteConfig"] = value },
            }, "avi-system");
            return;
        }
        var body = new JsonObject { ["data"] = new JsonObject { ["deleteConfig"] = value } };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        await _world.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "avi-k8s-config", "avi-system");
    }

    private async Task CreateForeignPoolAsync(string name)
    {
        using var client = new HttpClient(_world.Avi.CreateHttpClientHandler()) { BaseAddress = new Uri(_world.Avi.HttpsUrl!) };
        var login = await client.PostAsync("/login", JsonContent(new JsonObject { ["username"] = "admin", ["password"] = "admin" }));
        login.EnsureSuccessStatusCode();
        var csrf = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("csrftoken=", StringComparison.Ordinal)).Split(';')[0]["csrftoken=".Length..];
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pool") { Content = JsonContent(new JsonObject { ["name"] = name }) };
        request.Headers.Add("X-CSRFToken", csrf);
        request.Headers.Add("Referer", _world.Avi.HttpsUrl + "/");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private List<string> Owned() =>
        _world.Avi.Simulator.DumpState()
            .SelectMany(type => type.Value is JsonArray items
                ? items.OfType<JsonObject>().Select(o => o["name"]?.GetValue<string>() ?? "").Where(n => n.StartsWith("avi-cluster--", StringComparison.Ordinal))
                : [])
            .ToList();

    private async Task<string?> ServiceIpAsync() =>
        (await _world.Client.CoreV1.ReadNamespacedServiceAsync("nginx1", "default")).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip;

    private async Task<string?> IngressIpAsync() =>
        (await _world.Client.NetworkingV1.ReadNamespacedIngressAsync("nginx1-ingress", "default")).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip;
}
