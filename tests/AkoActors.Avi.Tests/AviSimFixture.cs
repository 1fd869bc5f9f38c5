using AkoActors.Domain.Kubernetes;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.AviSim;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Tests;

/// <summary>One simulator per test class, reset by each test, and a client built exactly as the controller builds it.</summary>
public sealed class AviSimFixture : IAsyncLifetime
{
    public AviSimInstance Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await AviSimServer.StartAsync(new AviSimOptions { DnsPort = null });

    public async Task DisposeAsync() => await Sim.DisposeAsync();

    /// <summary>A fresh connection (own session) to the simulator over HTTPS, trusting its certificate as a CA.</summary>
    public AviConnection Connect(CountingObserver? observer = null, AviCredentials? credentials = null, int maxConcurrent = 8) =>
        new(new AviClientOptions
            {
                BaseUrl = new Uri(Sim.HttpsUrl!),
                CertificateAuthorityPem = Sim.HttpsCertificatePem,
                ReplicaId = "test-replica",
                MaxConcurrentRequests = maxConcurrent,
                LoginBackoff = TimeSpan.FromMinutes(5),
            },
            credentials ?? new AviCredentials(Sim.Credentials!.Username, Sim.Credentials.Password, null),
            observer);

    public (AviRestClient Client, AviGateway Gateway) Gateway(CountingObserver? observer = null, int pageSize = 200, ITlsKeySource? keys = null)
    {
        var rest = new AviRestClient(Connect(observer), pageSize);
        return (rest, new AviGateway(rest, new AviOwnership("c1"), keys));
    }
}

/// <summary>Counts calls by "VERB type" and by "VERB type status" as the metrics observer sees them.</summary>
public sealed class CountingObserver : IAviCallObserver
{
    private readonly Dictionary<string, int> _counts = [];

    public void Completed(string verb, string objectType, int status, TimeSpan duration)
    {
        lock (_counts)
        {
            _counts[$"{verb} {objectType}"] = _counts.GetValueOrDefault($"{verb} {objectType}") + 1;
            _counts[$"{verb} {objectType} {status}"] = _counts.GetValueOrDefault($"{verb} {objectType} {status}") + 1;
        }
    }

    public int Count(string key)
    {
        lock (_counts) return _counts.GetValueOrDefault(key);
    }
}
