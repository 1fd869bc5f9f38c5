using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Workloads;
using k8s;

namespace AkoActors.KubeSim.Tests;

/// <summary>A KubeSim started for one test, with a KubernetesClient built from its kubeconfig and a raw HTTP client for protocol-level checks.</summary>
public sealed class SimulatorScope : IAsyncDisposable
{
    private SimulatorScope(KubeSimServer server, Kubernetes client, HttpClient http)
    {
        Server = server;
        Client = client;
        Http = http;
    }

    /// <summary>The simulator.</summary>
    public KubeSimServer Server { get; }

    /// <summary>KubernetesClient configured from the written kubeconfig (HTTPS + CA + token unless the options say otherwise).</summary>
    public Kubernetes Client { get; }

    /// <summary>A raw HTTP client with the bearer token set.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts a simulator; by default the seed profile with no workload controllers, so tests see only their own writes.</summary>
    public static async Task<SimulatorScope> StartAsync(KubeSimOptions? options = null)
    {
        options ??= new KubeSimOptions { Workloads = WorkloadOptions.None };
        var server = await KubeSimServer.StartAsync(options);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
        var client = new Kubernetes(config);
        var handler = new HttpClientHandler();
        if (server.CaCertificatePem is { } pem)
        {
            var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null || chain is null)
                {
                    return false;
                }
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            };
        }
        var http = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(30) };
        if (server.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new SimulatorScope(server, client, http);
    }

    /// <summary>Starts a simulator with the given workload controllers and an instant pod start.</summary>
    public static Task<SimulatorScope> StartWithWorkloadsAsync(WorkloadOptions? workloads = null, ClusterProfile? profile = null) =>
        StartAsync(new KubeSimOptions
        {
            Workloads = workloads ?? new WorkloadOptions { PodReadyDelay = TimeSpan.Zero },
            Profile = profile ?? ClusterProfile.Seed,
        });

    /// <summary>Sends a request with an optional JSON (or other) body and returns status code and parsed body.</summary>
    public async Task<(int Code, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>GET a path and parse the JSON answer.</summary>
    public Task<(int Code, JsonNode? Body)> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, accept: accept);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
