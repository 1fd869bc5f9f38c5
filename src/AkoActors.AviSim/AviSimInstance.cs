using System.Net;
using System.Security.Cryptography.X509Certificates;
using AkoActors.AviSim.Control;
using AkoActors.AviSim.Dns;
using Microsoft.AspNetCore.Builder;

namespace AkoActors.AviSim;

/// <summary>A running simulator: where to reach it (HTTP, HTTPS, DNS), how to log in, the certificate to
/// trust, and <see cref="Simulator"/> to steer it. Dispose to stop it.</summary>
public sealed class AviSimInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DnsResponder? _dns;
    private readonly X509Certificate2? _serverCertificate;
    private int _stopped;

    internal AviSimInstance(WebApplication app, DnsResponder? dns, X509Certificate2? serverCertificate, string httpUrl,
        string? httpsUrl, SimulatorControl simulator)
    {
        _app = app;
        _dns = dns;
        _serverCertificate = serverCertificate;
        HttpUrl = httpUrl;
        HttpsUrl = httpsUrl;
        Simulator = simulator;
        HttpsCertificate = serverCertificate is null ? null : X509CertificateLoader.LoadCertificate(serverCertificate.RawData);
        HttpsCertificatePem = serverCertificate?.ExportCertificatePem();
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string HttpUrl { get; }

    /// <summary><c>https://127.0.0.1:&lt;port&gt;</c>, or null when HTTPS is disabled.</summary>
    public string? HttpsUrl { get; }

    /// <summary>The UDP (and TCP) port of the DNS responder on 127.0.0.1, or null when disabled.</summary>
    public int? DnsPort => _dns?.Port;

    /// <summary>The DNS responder's endpoint, or null when disabled.</summary>
    public IPEndPoint? DnsEndPoint => _dns is null ? null : new IPEndPoint(IPAddress.Loopback, _dns.Port);

    /// <summary>The accounts that can log in (from the options, else the profile).</summary>
    public IReadOnlyList<AviSimUser> Users => Simulator.Profile.Users;

    /// <summary>The first account, for clients that need one set of credentials (null if none).</summary>
    public AviSimUser? Credentials => Users.Count > 0 ? Users[0] : null;

    /// <summary>The HTTPS server certificate (public part only).</summary>
    public X509Certificate2? HttpsCertificate { get; }

    /// <summary>The HTTPS server certificate as PEM, to put in a client's trusted CAs
    /// (AKO's <c>certificateAuthorityData</c>).</summary>
    public string? HttpsCertificatePem { get; }

    /// <summary>Faults, audit log, reset/seed and state of this simulator.</summary>
    public SimulatorControl Simulator { get; }

    /// <summary>A handler that keeps the controller's cookies and trusts exactly this simulator's certificate.</summary>
    public HttpClientHandler CreateHttpClientHandler() => new()
    {
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && _serverCertificate is not null && certificate.RawData.AsSpan().SequenceEqual(_serverCertificate.RawData),
    };

    /// <summary>Stops serving HTTP and DNS.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_dns is not null)
        {
            await _dns.DisposeAsync();
        }
        _serverCertificate?.Dispose();
        HttpsCertificate?.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
