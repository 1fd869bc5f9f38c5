using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AkoActors.AviSim;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>deploy/ applied to KubeSim, with this test as the kubelet: every Running pod of the Deployment gets a loopback
/// pod IP (127.0.0.2, .3, .4) and its container runs as a replica process bound to that address; a pod that goes away
/// gets SIGTERM. Scaling the Deployment therefore starts and stops replicas as it would in a cluster.</summary>
public sealed partial class DeployedCluster : IAsyncDisposable
{
    public const string Namespace = "avi-system";
    public const string PodSelector = "app=ako-actors";
    private static readonly string[] LoopbackPodIps = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];

    private readonly string _directory;
    private readonly List<PodReplica> _replicas = [];
    private readonly Dictionary<string, string> _environment;
    private readonly string[] _arguments;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private DeployedCluster(AviSimInstance avi, KubeSimServer kube, string directory, DeployManifests manifests, int remotingPort, int managementPort)
    {
        Avi = avi;
        Kube = kube;
        _directory = directory;
        Manifests = manifests;
        RemotingPort = remotingPort;
        ManagementPort = managementPort;
        Kubectl = new KubectlRunner(kube.KubeconfigPath);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigPath));
        var caPath = Path.Combine(directory, "avi-ca.pem");
        File.WriteAllText(caPath, avi.HttpsCertificatePem);
        // Workstation GC: several replicas share two cores here.
        _environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "0" };
        _arguments =
        [
            "--kubeconfig", kube.KubeconfigPath, "--avi-url", avi.HttpsUrl!, "--avi-ca", caPath,
            "--akka-port", remotingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--management-port", managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
    }

    public AviSimInstance Avi { get; }

    public KubeSimServer Kube { get; }

    public KubectlRunner Kubectl { get; }

    public IKubernetes Client { get; }

    public DeployManifests Manifests { get; }

    public int RemotingPort { get; }

    public int ManagementPort { get; }

    /// <summary>What the next pod started differs in from the others (its environment, some of its arguments), as when one
    /// node holds a stale Secret or reaches the controller through a broken network path; used once.</summary>
    public PodOverrides? NextPod { get; set; }

    /// <summary>Replicas whose process still runs.</summary>
    public IReadOnlyList<PodReplica> Running => _replicas.Where(r => !r.HasExited).ToList();

    public IReadOnlyList<PodReplica> All => _replicas;

    /// <summary>Starts the simulators, renders and applies deploy/ (Deployment scaled to <paramref name="replicas"/>) and
    /// puts AviSim's credentials into the avi-secret Secret, as an operator fills in the manifest's placeholders.</summary>
    public static async Task<DeployedCluster> StartAsync(int replicas)
    {
        foreach (var ip in LoopbackPodIps) EnsureBindable(ip);
        var directory = Directory.CreateTempSubdirectory("ako-deployed-").FullName;
        var avi = await AviSimServer.StartAsync(new AviSimOptions { HttpPort = 0, HttpsPort = 0, DnsPort = null });
        var kube = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = 0,
            KubeconfigPath = Path.Combine(directory, "kubeconfig"),
            Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.Zero },
        });
        using var kubectl = new KubectlRunner(kube.KubeconfigPath);
        var manifests = await DeployManifests.RenderAsync(kubectl);
        await manifests.ApplyAsync(kubectl);
        var (remoting, management) = (SharedFreePort(), SharedFreePort());
        var world = new DeployedCluster(avi, kube, directory, manifests, remoting, management);
        var secret = await world.Client.CoreV1.ReadNamespacedSecretAsync("avi-secret", Namespace);
        secret.Data = new Dictionary<string, byte[]>
        {
            ["username"] = System.Text.Encoding.UTF8.GetBytes(avi.Credentials!.Username),
            ["password"] = System.Text.Encoding.UTF8.GetBytes(avi.Credentials.Password),
        };
        secret.StringData = null;
        await world.Client.CoreV1.ReplaceNamespacedSecretAsync(secret, "avi-secret", Namespace);
        await world.ScaleAsync(replicas);
        return world;
    }

    /// <summary><c>kubectl scale</c>, then the kubelet's part until every pod of the Deployment runs a ready replica.</summary>
    /// <remarks><paramref name="ready"/> replicas must end ready (default all of them): a replica that cannot do the work is
    /// never ready, and the wait is for the ones that can.</remarks>
    public async Task ScaleAsync(int replicas, int? ready = null)
    {
        (await Kubectl.RunAsync("scale", "deployment/ako-actors", "-n", Namespace, $"--replicas={replicas}")).EnsureSuccess();
        await WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            await SyncPodsAsync();
            return Running.Count == replicas && (await Task.WhenAll(Running.Select(r => r.IsReadyAsync(_http)))).Count(r => r) == (ready ?? replicas);
        }, $"{replicas} replica(s) of the Deployment running, {ready ?? replicas} ready", TimeSpan.FromSeconds(120)));
    }

    /// <summary>Runs a wait; when it times out, the failure carries the replicas' latest log lines.</summary>
    public async Task WithLogsAsync(Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }
    }

    /// <summary>One kubelet pass: a Running pod without a process gets a loopback IP and its container started; a process
    /// whose pod is gone or terminating gets SIGTERM and is waited for.</summary>
    public async Task SyncPodsAsync()
    {
        var pods = (await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: PodSelector)).Items;
        var live = pods.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running").ToList();
        foreach (var replica in Running.Where(r => live.All(p => p.Metadata.Name != r.PodName)).ToList())
        {
            replica.Terminate();
            await replica.WaitForExitAsync(TimeSpan.FromSeconds(90));
        }
        foreach (var pod in live.Where(p => _replicas.All(r => r.PodName != p.Metadata.Name)))
        {
            var ip = LoopbackPodIps.First(candidate => Running.All(r => r.PodIp != candidate));
            var patch = new JsonObject { ["status"] = new JsonObject { ["podIP"] = ip, ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }) } };
            var placed = await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Metadata.Name, Namespace);
            var httpPort = SharedFreePort();
            var overrides = NextPod;
            NextPod = null;
            var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal);
            foreach (var (key, value) in overrides?.Environment ?? new Dictionary<string, string>()) environment[key] = value;
            var arguments = _arguments.ToArray();
            foreach (var (option, value) in overrides?.Arguments ?? new Dictionary<string, string>()) arguments[Array.IndexOf(arguments, option) + 1] = value;
            _replicas.Add(await PodReplica.StartAsync(Client, placed, environment, arguments, httpPort,
                Path.Combine(_directory, $"{pod.Metadata.Name}.log")));
        }
    }

    /// <summary>The cluster members a replica reports through Akka.Management's bootstrap endpoint (its own view of the
    /// cluster it belongs to), as the hosts of their remoting addresses.</summary>
    public async Task<IReadOnlyList<string>> MembersSeenByAsync(PodReplica replica)
    {
        var body = JsonNode.Parse(await _http.GetStringAsync($"http://{replica.PodIp}:{ManagementPort}/bootstrap/seed-nodes"))!.AsObject();
        var nodes = body.FirstOrDefault(p => p.Key.Equals("nodes", StringComparison.OrdinalIgnoreCase)).Value?.AsArray() ?? [];
        return nodes.Select(n => PodAddress().Match(n!.ToJsonString()).Value).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Sharded entities of <paramref name="kind"/> a replica hosts now (its /metrics gauge).</summary>
    public Task<int> OwnedAsync(PodReplica replica, string kind) => GaugeAsync(replica, $"ako_owned_entities{{kind=\"{kind}\"}}");

    /// <summary>Members a replica sees ready to host owners (its /metrics gauge; the shard coordinator's replica allocates
    /// with this view).</summary>
    public Task<int> ReadyMembersSeenByAsync(PodReplica replica) => GaugeAsync(replica, "ako_ready_members");

    private async Task<int> GaugeAsync(PodReplica replica, string series)
    {
        var metrics = await _http.GetStringAsync($"{replica.HttpBase}/metrics");
        var match = Regex.Match(metrics, $"^{Regex.Escape(series)} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? (int)double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public string Logs() => string.Join("\n", _replicas.Select(r => $"--- {r.PodName} ({r.PodIp}){(r.HasExited ? $" exited {r.ExitCode}" : "")}, log {r.LogPath}:\n{r.LogTail(15)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        _http.Dispose();
        Kubectl.Dispose();
        await Kube.DisposeAsync();
        await Avi.DisposeAsync();
    }

    /// <summary>A port free on every loopback pod IP, so all pods use the same one (as the ports of a pod template are).</summary>
    private static int SharedFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var first = new TcpListener(IPAddress.Parse(LoopbackPodIps[0]), 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (LoopbackPodIps.Skip(1).Append("127.0.0.1").All(ip => IsFree(ip, port)) || attempt > 50) return port;
        }
    }

    private static bool IsFree(string ip, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(ip), port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void EnsureBindable(string ip)
    {
        using var listener = new TcpListener(IPAddress.Parse(ip), 0);
        listener.Start();
    }

    /// <summary>Environment variables and option values (<c>--avi-url</c>, say) that one pod gets instead of the common ones.</summary>
    public sealed record PodOverrides(IReadOnlyDictionary<string, string>? Environment = null, IReadOnlyDictionary<string, string>? Arguments = null);

    [GeneratedRegex(@"127\.0\.0\.\d+")]
    private static partial Regex PodAddress();
}
