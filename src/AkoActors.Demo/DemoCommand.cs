using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Transport;
using AkoActors.AviSim;
using AkoActors.Configuration;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Hosting;
using AkoActors.Kubernetes.Informers;
using AkoActors.KubeSim.Hosting;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace AkoActors.Demo;

/// <summary><c>ako-actors demo</c>: the seed article on one machine — KubeSim (its cluster), AviSim (its controller) and one
/// controller replica, all in this process, ready to drive with kubectl. It lives outside the controller's executable so
/// the production binary and image carry no simulator.</summary>
public static class DemoCommand
{
    private static readonly Option<DirectoryInfo> StateDir = new("--state-dir")
    {
        Description = "where kubeconfig and endpoints.json are written (relative to the current directory)",
        HelpName = "DIR",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".state", "demo")),
    };

    private static readonly Option<int> KubePort = CommandLineOptions.Port("--kube-port", "KubeSim port (0 = pick)", 0);
    private static readonly Option<int> AviPort = CommandLineOptions.Port("--avi-port", "AviSim HTTPS port (0 = pick)", 0);
    private static readonly Option<int> DnsPort = CommandLineOptions.Port("--dns-port", "AviSim DNS port (0 = pick)", 0);
    private static readonly Option<int> HttpPort = CommandLineOptions.Port("--http-port", "the replica's /healthz, /readyz, /metrics (0 = pick)", 0);
    private static readonly Option<string> LogLevel = CommandLineOptions.LogLevel("--log-level", "INFO");

    /// <summary>The demo's command line; its action runs the demo until <c>Ctrl-C</c>.</summary>
    public static RootCommand Create()
    {
        var command = new RootCommand("The AkoActors demo: KubeSim + AviSim + one controller replica in this process, for kubectl")
        {
            StateDir, KubePort, AviPort, DnsPort, HttpPort, LogLevel,
        };
        command.SetAction((parse, stop) => RunAsync(new DemoOptions
        {
            StateDirectory = parse.GetValue(StateDir)!.FullName,
            KubePort = parse.GetValue(KubePort),
            AviPort = parse.GetValue(AviPort),
            DnsPort = parse.GetValue(DnsPort),
            HttpPort = parse.GetValue(HttpPort),
            LogLevel = parse.GetValue(LogLevel)!,
        }, stop));
        return command;
    }

    private const string DeleteConfigPatch = """{"data":{"deleteConfig":"true"}}""";

    /// <summary>What the printed <c>kubectl expose</c> adds to ask an IPv6 VIP.</summary>
    private const string Ipv6Overrides = """{"spec":{"ipFamilies":["IPv6"]}}""";

    /// <summary>The seed article's Helm values: cluster avi-cluster, VIP network alb-vip (dual stack, as AviSim seeds it, so a
    /// Service asking IPv6 gets an IPv6 VIP), one shared L7 VS.</summary>
    public static AkoSettings SeedSettings { get; } = new()
    {
        ClusterName = "avi-cluster",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray(),
        ShardVsSize = ShardVsSize.Small,
        LogLevel = "INFO",
    };

    /// <summary>AKO's chart creates avi-k8s-config; the demo does too, so its live keys can be changed with kubectl.</summary>
    private static async Task CreateAkoConfigMapAsync(ControllerHostOptions options, CancellationToken stop)
    {
        using var client = new k8s.Kubernetes(options.Kubernetes);
        var data = new Dictionary<string, string>
        {
            ["clusterName"] = options.Settings.ClusterName,
            ["logLevel"] = options.Settings.LogLevel,
            ["enableEvents"] = "true",
            ["deleteConfig"] = "false",
            ["shardVSSize"] = "SMALL",
            ["vipNetworkList"] = """[{"networkName": "alb-vip", "cidr": "172.16.251.0/24", "v6cidr": "2001:db8:251::/64"}]""",
        };
        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = options.LiveConfigMap!.Name }, Data = data },
            options.LiveConfigMap.Namespace, cancellationToken: stop);
    }

    /// <summary>Runs the demo until <paramref name="stop"/> is cancelled; writes endpoints.json once everything is ready.</summary>
    public static async Task<int> RunAsync(DemoOptions demo, CancellationToken stop)
    {
        var stateDir = demo.StateDirectory;
        var (kubePort, aviPort, dnsPort, httpPort, logLevel) = (demo.KubePort, demo.AviPort, demo.DnsPort, demo.HttpPort, demo.LogLevel);
        Directory.CreateDirectory(stateDir);
        var endpointsPath = Path.Combine(stateDir, "endpoints.json");
        File.Delete(endpointsPath);
        var clock = Stopwatch.StartNew();

        Console.WriteLine($"Starting the AkoActors demo (state directory {stateDir})");
        await using var avi = await AviSimServer.StartAsync(new AviSimOptions { HttpPort = 0, HttpsPort = aviPort, DnsPort = dnsPort }, stop);
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] AviSim (Avi Controller {avi.Simulator.Profile.ControllerVersion}) at {avi.HttpsUrl}, DNS on 127.0.0.1:{avi.DnsPort}");
        var kubeconfig = Path.Combine(stateDir, "kubeconfig");
        await using var kube = await KubeSimServer.StartAsync(new KubeSimOptions { Port = kubePort, KubeconfigPath = kubeconfig }, stop);
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] KubeSim (the article's 6-node cluster) at {kube.Url}");

        var options = new ControllerHostOptions
        {
            Settings = SeedSettings with { LogLevel = logLevel },
            Avi = new AviClientOptions { BaseUrl = new Uri(avi.HttpsUrl!), CertificateAuthorityPem = avi.HttpsCertificatePem, ReplicaId = "demo-0" },
            AviCredentials = new AviCredentials(avi.Credentials!.Username, avi.Credentials.Password, null),
            Kubernetes = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig),
            Formation = new ClusterFormation.StaticSeeds("127.0.0.1", 0, []),
            ReplicaId = "demo-0",
            HttpPort = httpPort,
            LogLevel = logLevel,
            LiveConfigMap = ConfigMapName.AkoConfig("avi-system"),
            // AKO's CRDs are applied by hand during the demo: find them within seconds, not the production 30 s.
            Informers = new InformerOptions { AbsentResourceRecheck = TimeSpan.FromSeconds(2) },
        };
        await CreateAkoConfigMapAsync(options, stop);
        await using var controller = ControllerHost.Build(options);
        await controller.StartAsync(stop);
        var health = ControllerHost.HttpAddress(controller)!;
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] controller replica demo-0 started; health and metrics at {health}");

        var runtime = controller.Services.GetRequiredService<ControllerRuntime>();
        while (!runtime.IsReady)
        {
            stop.ThrowIfCancellationRequested();
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await Console.Error.WriteLineAsync($"The controller did not become ready within 60s: {runtime.LastEnvironmentError ?? "informers not synced"}");
                return 1;
            }
            await Task.Delay(100, stop);
        }
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] ready: informers synced, Avi Controller checked");

        var endpoints = new JsonObject
        {
            ["kubeconfig"] = kubeconfig,
            ["kubesim"] = new JsonObject { ["url"] = kube.Url },
            ["avisim"] = new JsonObject
            {
                ["url"] = avi.HttpsUrl,
                ["httpUrl"] = avi.HttpUrl,
                ["username"] = avi.Credentials.Username,
                ["password"] = avi.Credentials.Password,
                ["dnsPort"] = avi.DnsPort,
                ["certificatePem"] = avi.HttpsCertificatePem,
            },
            ["controller"] = new JsonObject { ["replica"] = "demo-0", ["health"] = health, ["clusterName"] = options.Settings.ClusterName },
        };
        // Written last and in one step, so a script that waits for this file finds everything running.
        var temporary = endpointsPath + ".tmp";
        await File.WriteAllTextAsync(temporary, endpoints.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), stop);
        File.Move(temporary, endpointsPath, overwrite: true);

        Console.WriteLine($"""

            The seed article, on this machine. In another terminal:

              export KUBECONFIG={kubeconfig}
              kubectl get nodes -o wide
              kubectl create deploy nginx1 --image=nginxhellos/demo
              kubectl expose deploy nginx1 --type=LoadBalancer --port=80
              kubectl get svc nginx1            # EXTERNAL-IP comes from the VIP network alb-vip (172.16.251.0/24)
              kubectl expose deploy nginx1 --name=nginx1-v6 --type=LoadBalancer --port=80 --overrides='{Ipv6Overrides}'
              kubectl get svc nginx1-v6         # an IPv6 EXTERNAL-IP from alb-vip's v6cidr (2001:db8:251::/64)
              kubectl scale deploy nginx1 --replicas=5
              kubectl get pods -o wide          # pod IPs inside each worker's pod CIDR
              kubectl create ingress nginx1-ingress --rule='nginx1.ako.example.com/*=nginx1:80'
              kubectl get ingress               # ADDRESS = the VIP of the shared VS avi-cluster--Shared-L7-0
              dig +short @127.0.0.1 -p {avi.DnsPort} nginx1.ako.example.com   # the Avi DNS answers with that VIP
              kubectl apply -f deploy/helm/ako-actors/crds/   # AKO's CRDs, from the repository root
              kubectl apply -f - <<'HR'
              apiVersion: ako.vmware.com/v1beta1
              kind: HostRule
              metadata:
                name: nginx1-waf
              spec:
                virtualhost:
                  fqdn: nginx1.ako.example.com
                  wafPolicy: System-WAF-Policy
              HR
              kubectl get hostrule              # STATUS Accepted (Rejected, with .status.error, for a name the controller lacks);
                                                # applied to TLS hosts (SNI children): nginx1-ingress, without TLS, gets a
                                                # HostRuleNotApplied event (kubectl describe ingress nginx1-ingress)
              kubectl -n avi-system patch configmap avi-k8s-config -p '{DeleteConfigPatch}'
                                                # removes every Avi object of the cluster; "false" brings them back

            What the Avi Controller now holds (AviSim's state dump, no login needed):
              curl -s '{avi.HttpUrl}/sim/state?type=virtualservice'
              curl -s '{avi.HttpUrl}/sim/state?type=pool'
              curl -s '{avi.HttpUrl}/sim/audit'          # every write, with the replica that made it
            The real API (HTTPS, login {avi.Credentials.Username}/{avi.Credentials.Password}) is at {avi.HttpsUrl}/api/.
            Names resolve through the Avi DNS: dig @127.0.0.1 -p {avi.DnsPort} <fqdn>

            Endpoints for scripts: {endpointsPath}
            Ctrl-C stops everything.
            """);

        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("Stopping: the replica leaves its cluster, then KubeSim and AviSim stop.");
        await controller.StopAsync(CancellationToken.None);
        File.Delete(endpointsPath);
        return 0;
    }
}
