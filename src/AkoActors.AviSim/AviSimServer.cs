using System.Net;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Audit;
using AkoActors.AviSim.Control;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Faults;
using AkoActors.AviSim.Hosting;
using AkoActors.AviSim.Ipam;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Sessions;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkoActors.AviSim;

/// <summary>Starts an Avi Controller simulator in the current process: the entry point for tests, the demo
/// and the executable.</summary>
public static class AviSimServer
{
    /// <summary>Seeds a controller from the profile and starts HTTP, HTTPS and DNS on 127.0.0.1.</summary>
    public static async Task<AviSimInstance> StartAsync(AviSimOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AviSimOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("AviSim");
        var profile = options.Profile ?? SeedProfile.Default;
        if (options.Users.Count > 0)
        {
            profile = profile with { Users = options.Users };
        }
        var time = options.TimeProvider;
        var store = new ObjectStore();
        var dnsTable = new DnsRecordTable();
        var objects = new ObjectService(store, new LastModifiedClock(time), new VipAllocator(), dnsTable);
        var sessions = new SessionStore(time, options.SessionIdleTimeout);
        var faults = new FaultInjector(options.RandomSeed);
        var audit = new AuditLog(options.AuditCapacity);
        var counters = new RequestCounters();
        var control = new SimulatorControl(objects, sessions, dnsTable, faults, audit, counters, profile);
        control.Reset();
        if (profile.Users.Count == 0)
        {
            logger.LogWarning("No users configured: nobody can log in to this simulator");
        }
        var controllerInfo = new ControllerInfoSource(time) { Control = control };

        var certificate = options.HttpsPort is null ? null : SelfSignedCertificate.Create();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AviSimServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // enforced by the API so the refusal is a 400 {"error"}
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Listen(IPAddress.Loopback, options.HttpPort);
            if (certificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, options.HttpsPort!.Value, listen => listen.UseHttps(certificate));
            }
        });
        var app = builder.Build();
        var listeners = new ListenerInfo(control);
        var pipeline = new RequestPipeline(
            new ApiEndpoints(objects, sessions, controllerInfo.Get, options.MaxRequestBodyBytes),
            new LoginEndpoints(sessions, controllerInfo.Get, options.MaxRequestBodyBytes),
            new SimEndpoints(control, listeners.ToJson, options.MaxRequestBodyBytes),
            faults, audit, counters, time, logger);
        app.Run(pipeline.InvokeAsync);

        DnsResponder? dns = null;
        try
        {
            if (options.DnsPort is { } dnsPort)
            {
                dns = new DnsResponder(dnsTable, dnsPort, options.DnsOverTcp, logger);
            }
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            if (dns is not null)
            {
                await dns.DisposeAsync();
            }
            await app.DisposeAsync();
            certificate?.Dispose();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var httpUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        var httpsUrl = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal))?.TrimEnd('/');
        var instance = new AviSimInstance(app, dns, certificate, httpUrl, httpsUrl, control);
        logger.LogInformation("AviSim {Version} ({Profile}) serving {HttpUrl} and {HttpsUrl}, DNS on 127.0.0.1:{DnsPort}",
            profile.ControllerVersion, profile.Name, httpUrl, httpsUrl ?? "(no https)", dns?.Port);
        listeners.HttpUrl = httpUrl;
        listeners.HttpsUrl = httpsUrl;
        listeners.DnsPort = dns?.Port;
        return instance;
    }
}
