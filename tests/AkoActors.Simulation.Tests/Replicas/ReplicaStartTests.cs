using System.Net;
using System.Net.Sockets;
using AkoActors.AviSim;
using AkoActors.KubeSim.Hosting;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;
using Xunit;

namespace AkoActors.Simulation.Tests.Replicas;

/// <summary>A replica that cannot start (its health and metrics port is taken) exits with an error naming why, so
/// Kubernetes restarts it, instead of living on with its actor system and no health endpoints (seen in a loaded full
/// run: another process took the port between its choice and the bind, and the Deployment never became ready).</summary>
public sealed class ReplicaStartTests
{
    [Fact]
    public async Task A_replica_whose_http_port_is_taken_exits_with_1_and_says_why()
    {
        var directory = Directory.CreateTempSubdirectory("ako-start-").FullName;
        await using var avi = await AviSimServer.StartAsync(new AviSimOptions { HttpPort = 0, HttpsPort = 0, DnsPort = null });
        await using var kube = await KubeSimServer.StartAsync(new KubeSimOptions { Port = 0, KubeconfigPath = Path.Combine(directory, "kubeconfig") });
        var ca = Path.Combine(directory, "avi-ca.pem");
        await File.WriteAllTextAsync(ca, avi.HttpsCertificatePem);
        var values = Path.Combine(directory, "values.yaml");
        await File.WriteAllTextAsync(values, ReplicaValuesFile.Yaml("start", "INFO", "SMALL", null));
        var launch = new ReplicaLaunch(ReplicaExecutable.Dotnet(), ReplicaExecutable.Default(), values, kube.KubeconfigPath, avi.HttpsUrl!, ca,
            avi.Credentials!.Username, avi.Credentials.Password, new Dictionary<string, string>(StringComparer.Ordinal));
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var log = Path.Combine(directory, "replica.log");
        using var replica = ReplicaProcess.Start(launch, "replica-start", ReplicaProcess.FreePort(), port, [], log);
        await Poll.UntilAsync(() => replica.HasExited, "the replica to exit", TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, replica.ExitCode);
        var text = await File.ReadAllTextAsync(log);
        Assert.Contains("could not start", text, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }
}
