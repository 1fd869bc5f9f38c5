using AkoActors.Avi.Transport;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Hosting;
using k8s;

namespace AkoActors.Configuration;

/// <summary><c>ako-actors run</c>: one replica against a real (or simulated) cluster and controller.</summary>
public static class RunCommand
{
    public const string Usage = """
        ako-actors run [options]            one controller replica
          --values FILE           AKO Helm values.yaml (AKOSettings, NetworkSettings, L7Settings, ..., avicredentials)
          --configmap FILE        the avi-k8s-config ConfigMap manifest (overrides --values)
                                  environment variables (CLUSTER_NAME, SHARD_VS_SIZE, ...) override both
          --kubeconfig FILE       default: $KUBECONFIG, in-cluster config in a pod, else ~/.kube/config
          --avi-url URL           default: ControllerSettings.controllerHost (https://<host>)
          --avi-ca FILE           PEM the controller's certificate must chain to (else avicredentials.certificateAuthorityData)
          --avi-insecure          accept any controller certificate when no CA is given (AKO's behaviour); logged loudly
                                  credentials: avicredentials in --values, or AVI_USERNAME / AVI_PASSWORD / AVI_AUTHTOKEN
          --replica-id ID         default: $POD_NAME, else the host name
          --akka-host HOST        remoting address (default 127.0.0.1)
          --akka-port N           remoting port (default 4053; 0 picks one)
          --seed ADDRESS          seed node, repeatable (akka.tcp://ako-actors@127.0.0.1:4053); none = start a new cluster
          --discovery kubernetes  form the cluster through the Kubernetes API instead of seeds
          --pod-namespace NS      (with --discovery) default $POD_NAMESPACE
          --pod-selector SEL      (with --discovery) default app=ako-actors
          --live-config NS/NAME   ConfigMap whose logLevel, enableEvents, deleteConfig apply live
                                  (default in a pod: $POD_NAMESPACE/avi-k8s-config; elsewhere none)
          --http-port N           /healthz, /readyz, /metrics (default 8080; 0 picks one)
          --json-logs             one JSON object per log line
        """;

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(["--avi-insecure", "--json-logs"]);

    /// <summary>Builds the replica's options; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ControllerHostOptions Options(CommandArguments args, Func<string, string?> environment)
    {
        var valuesText = args.Value("--values") is { } valuesPath ? File.ReadAllText(valuesPath) : null;
        var configMapText = args.Value("--configmap") is { } configMapPath ? File.ReadAllText(configMapPath) : null;
        var data = AkoSettingsSources.Merge(
            valuesText is null ? [] : AkoSettingsSources.FromValuesYaml(valuesText),
            configMapText is null ? [] : AkoSettingsSources.FromConfigMapYaml(configMapText),
            AkoSettingsSources.FromEnvironment(environment));
        var parsed = AkoSettingsParser.Parse(data);
        if (!parsed.IsValid)
        {
            throw new ArgumentException("The AKO settings are not usable:\n  " + string.Join("\n  ", parsed.Errors.Select(e => e.ToString())));
        }
        var settings = parsed.Settings!;

        var credentials = valuesText is null ? [] : AkoSettingsSources.CredentialsFromValuesYaml(valuesText);
        var username = environment("AVI_USERNAME") ?? credentials.GetValueOrDefault("username")
            ?? throw new ArgumentException("No controller username: set avicredentials.username in --values or AVI_USERNAME");
        var password = environment("AVI_PASSWORD") ?? credentials.GetValueOrDefault("password");
        var token = environment("AVI_AUTHTOKEN") ?? credentials.GetValueOrDefault("authtoken");
        if (password is null && token is null) throw new ArgumentException("No controller password or token: set avicredentials.password / authtoken, or AVI_PASSWORD / AVI_AUTHTOKEN");
        var caPem = args.Value("--avi-ca") is { } caPath ? File.ReadAllText(caPath) : credentials.GetValueOrDefault("certificateAuthorityData");

        var aviUrl = args.Value("--avi-url") ?? (settings.ControllerHost.Length > 0
            ? settings.ControllerHost
            : throw new ArgumentException("No controller address: set ControllerSettings.controllerHost or pass --avi-url"));
        var replicaId = args.Value("--replica-id") ?? environment("POD_NAME") ?? System.Environment.MachineName;

        ClusterFormation formation = args.Value("--discovery") switch
        {
            null => new ClusterFormation.StaticSeeds(args.Value("--akka-host") ?? "127.0.0.1", args.Int("--akka-port", 4053), args.Values("--seed")),
            "kubernetes" => new ClusterFormation.KubernetesDiscovery(
                args.Value("--pod-namespace") ?? environment("POD_NAMESPACE") ?? "avi-system",
                args.Value("--pod-selector") ?? "app=ako-actors",
                args.Int("--akka-port", 4053), 8558, 2),
            var other => throw new ArgumentException($"--discovery '{other}' is not supported (use kubernetes, or --seed)"),
        };

        var options = new ControllerHostOptions
        {
            Settings = settings,
            Avi = new AviClientOptions
            {
                BaseUrl = AviClientOptions.ParseControllerHost(aviUrl),
                ApiVersion = settings.ControllerVersion,
                CertificateAuthorityPem = caPem,
                SkipCertificateVerification = args.Flag("--avi-insecure"),
                ReplicaId = replicaId,
            },
            AviCredentials = new AviCredentials(username, password, token),
            Kubernetes = KubernetesConfiguration(args.Value("--kubeconfig") ?? environment("KUBECONFIG")),
            Formation = formation,
            ReplicaId = replicaId,
            HttpPort = args.Int("--http-port", 8080),
            LiveConfigMap = LiveConfig(args.Value("--live-config"), environment),
            HttpOnAllInterfaces = KubernetesClientConfiguration.IsInCluster(),
            LogLevel = settings.LogLevel,
            JsonLogs = args.Flag("--json-logs"),
            UnsupportedSettingsWarning = parsed.UnsupportedWarning,
            OwnPod = environment("POD_NAMESPACE") is { Length: > 0 } podNamespace && environment("POD_NAME") is { Length: > 0 } podName
                ? KubeObjectRef.Pod(podNamespace, podName)
                : null,
        };
        args.EnsureAllUsed();
        return options;
    }

    private static ConfigMapName? LiveConfig(string? value, Func<string, string?> environment)
    {
        if (value is null)
        {
            return KubernetesClientConfiguration.IsInCluster() && environment("POD_NAMESPACE") is { Length: > 0 } ns ? ConfigMapName.AkoConfig(ns) : null;
        }
        var parts = value.Split('/');
        return parts is [{ Length: > 0 } space, { Length: > 0 } name]
            ? new ConfigMapName(space, name)
            : throw new ArgumentException($"--live-config needs NAMESPACE/NAME, not '{value}'");
    }

    private static KubernetesClientConfiguration KubernetesConfiguration(string? kubeconfig)
    {
        if (kubeconfig is not null) return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }
}
