using System.Net;
using System.Security.Cryptography;
using AkoActors.KubeSim.Http;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Store;
using AkoActors.KubeSim.Workloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AkoActors.KubeSim.Hosting;

/// <summary>
/// A running KubeSim: a Kubernetes API server on 127.0.0.1 that kubectl and KubernetesClient talk to through a
/// kubeconfig, with in-process access to its store, registry and simulated controllers for tests, demos and benchmarks.
/// Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class KubeSimServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown;
    private readonly ServingCertificate? _certificate;
    private readonly string? _temporaryDirectory;
    private readonly KubeSimOptions _options;
    private readonly ILogger _logger;

    private KubeSimServer(WebApplication app, CancellationTokenSource shutdown, ServingCertificate? certificate, string? temporaryDirectory, KubeSimOptions options,
        ResourceRegistry registry, WorkloadControllers workloads, string url, string kubeconfigPath, string? token, ILogger logger)
    {
        _logger = logger;
        _app = app;
        _shutdown = shutdown;
        _certificate = certificate;
        _temporaryDirectory = temporaryDirectory;
        _options = options;
        Registry = registry;
        Workloads = workloads;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        Token = token;
    }

    /// <summary>Why the snapshot could not be saved at stop (a full disk, a bad path), or null when it was saved or none is configured.</summary>
    public string? SnapshotError { get; private set; }

    /// <summary>Base URL, e.g. <c>https://127.0.0.1:41237</c>.</summary>
    public string Url { get; }

    /// <summary>The kubeconfig written for clients (<c>kubectl --kubeconfig &lt;path&gt;</c>).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The bearer token clients must send, or null when tokens are not required.</summary>
    public string? Token { get; }

    /// <summary>The CA certificate (PEM) clients verify the server with, or null over plain HTTP.</summary>
    public string? CaCertificatePem => _certificate?.AuthorityPem;

    /// <summary>The API semantics layer: create, update, patch, delete and list objects in-process with the same rules as over HTTP.</summary>
    public ResourceRegistry Registry { get; }

    /// <summary>The object store (resourceVersions, watches, counts).</summary>
    public ObjectStore Store => Registry.Store;

    /// <summary>The served resources.</summary>
    public ResourceCatalog Catalog => Registry.Catalog;

    /// <summary>The simulated cluster controllers.</summary>
    public WorkloadControllers Workloads { get; }

    /// <summary>The resource for an apiVersion and kind (e.g. <c>("v1", "Service")</c>).</summary>
    public ResourceType Resource(string apiVersion, string kind) => Registry.Resolve(apiVersion, kind);

    /// <summary>Starts KubeSim: seeds the profile (or restores the snapshot), starts the controllers, listens, and writes the kubeconfig.</summary>
    public static async Task<KubeSimServer> StartAsync(KubeSimOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new KubeSimOptions();
        // With a snapshot, a restart keeps the CA, serving certificate and token, so clients reconnect as to a restarted kube-apiserver.
        var identityPath = options.SnapshotPath is { } snapshotPath ? ServerIdentityFile.PathFor(snapshotPath) : null;
        var saved = identityPath is null ? null : ServerIdentityFile.Load(identityPath);
        var token = options.RequireToken ? options.Token ?? saved?.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : null;
        var certificate = options.UseHttps ? saved?.Certificate ?? ServingCertificate.Generate() : null;
        if (identityPath is not null)
        {
            ServerIdentityFile.Save(identityPath, certificate, token);
        }
        var store = options.SnapshotPath is { } snapshot && File.Exists(snapshot)
            ? StoreSnapshotFile.Load(snapshot, options.HistorySize)
            : new ObjectStore(options.HistorySize);
        var registry = new ResourceRegistry(store, ResourceCatalog.CreateBuiltIn(), options.Registry);
        ClusterSeeder.Seed(registry, options.Profile);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.LogLevel);
        // Start failures (port in use) reach the caller as exceptions; the host's own stack-trace log adds nothing.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate.Server);
                }
            });
        });
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KubeSim");
        var workloads = new WorkloadControllers(registry, options.Workloads, logger);
        var shutdown = new CancellationTokenSource();
        var handler = new KubeApiHandler(registry, options.Watch, token, logger, shutdown.Token);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch
        {
            await shutdown.CancelAsync();
            await workloads.DisposeAsync();
            await app.DisposeAsync();
            certificate?.Dispose();
            shutdown.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var url = $"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}";
        string? temporary = null;
        var kubeconfigPath = options.KubeconfigPath;
        if (kubeconfigPath is null)
        {
            temporary = Directory.CreateTempSubdirectory("kubesim-").FullName;
            kubeconfigPath = Path.Combine(temporary, "kubeconfig");
        }
        // Without auth the kubeconfig still names a token: some clients (KubernetesClient) refuse users without credentials; any token is accepted.
        KubeconfigFile.Write(kubeconfigPath, KubeconfigFile.Render(url, certificate?.AuthorityPem, token ?? "kubesim-no-auth"));
        return new KubeSimServer(app, shutdown, certificate, temporary, options, registry, workloads, url, kubeconfigPath, token, logger);
    }

    /// <summary>Ends watches, stops the controllers and the listener, and saves the snapshot when configured.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        Store.CloseAllWatches();
        await Workloads.DisposeAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_options.SnapshotPath is { } snapshot)
        {
            try
            {
                StoreSnapshotFile.Save(Store, snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full disk must not turn a clean stop into a crash: say what was lost and how to keep it next time.
                SnapshotError = $"KubeSim could not save its state to {snapshot}: {e.Message}. The changes made since it started are lost; " +
                    "the previous snapshot (if any) is unchanged. Free disk space or choose another --snapshot path.";
                _logger.LogError("Could not save the snapshot to {Snapshot}: {Reason}", snapshot, e.Message);
            }
        }
        _certificate?.Dispose();
        _shutdown.Dispose();
        if (_temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(_temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a client may still hold the kubeconfig open.
            }
        }
    }
}
