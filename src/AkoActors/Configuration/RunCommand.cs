using System.CommandLine;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Hosting;
using k8s;

namespace AkoActors.Configuration;

/// <summary><c>ako-actors run</c>: one replica against a real (or simulated) cluster and controller; its options are
/// declared once here, so parsing, errors and <c>--help</c> come from the same definitions.</summary>
public static class RunCommand
{
    private static readonly Option<FileInfo?> Values = new("--values")
    {
        Description = "AKO Helm values.yaml (AKOSettings, NetworkSettings, L7Settings, ..., avicredentials)",
        HelpName = "FILE",
    };

    private static readonly Option<FileInfo?> ConfigMap = new("--configmap")
    {
        Description = "the avi-k8s-config ConfigMap manifest (overrides --values); environment variables (CLUSTER_NAME, SHARD_VS_SIZE, ...) override both",
        HelpName = "FILE",
    };

    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "default: $KUBECONFIG, in-cluster config in a pod, else ~/.kube/config",
        HelpName = "FILE",
    };

    private static readonly Option<string?> AviUrl = new("--avi-url")
    {
        Description = "the controller (default: ControllerSettings.controllerHost as https://<host>)",
        HelpName = "URL",
    };

    private static readonly Option<FileInfo?> AviCa = new("--avi-ca")
    {
        Description = "PEM the controller's certificate must chain to (else avicredentials.certificateAuthorityData)",
        HelpName = "FILE",
    };

    private static readonly Option<bool> AviInsecure = new("--avi-insecure")
    {
        Description = "accept any controller certificate when no CA is given (AKO's behaviour); logged loudly. "
            + "Credentials: avicredentials in --values, or AVI_USERNAME / AVI_PASSWORD / AVI_AUTHTOKEN",
    };

    private static readonly Option<string?> ReplicaId = new("--replica-id")
    {
        Description = "default: $POD_NAME, else the host name",
        HelpName = "ID",
    };

    private static readonly Option<string> AkkaHost = new("--akka-host")
    {
        Description = "remoting address",
        HelpName = "HOST",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private static readonly Option<int> AkkaPort = CommandLineOptions.Port("--akka-port", "remoting port (0 picks one)", 4053);

    private static readonly Option<int?> AkkaPublicPort = new("--akka-public-port")
    {
        Description = "the port other replicas reach this one at when it differs from --akka-port (a proxy in front of remoting)",
        HelpName = "PORT",
    };

    private static readonly Option<string[]> Seeds = new("--seed")
    {
        Description = "seed node, repeatable (akka.tcp://ako-actors@127.0.0.1:4053); none = start a new cluster",
        HelpName = "ADDRESS",
    };

    private static readonly Option<string?> Discovery = new("--discovery")
    {
        Description = "form the cluster through the Kubernetes API instead of seeds",
        HelpName = "kubernetes",
    };

    private static readonly Option<string?> PodNamespace = new("--pod-namespace")
    {
        Description = "(with --discovery) default $POD_NAMESPACE",
        HelpName = "NS",
    };

    private static readonly Option<string> PodSelector = new("--pod-selector")
    {
        Description = "(with --discovery) the replicas' pods",
        HelpName = "SELECTOR",
        DefaultValueFactory = _ => "app=ako-actors",
    };

    private static readonly Option<string?> PodIpOption = new("--pod-ip")
    {
        Description = "(with --discovery) default $POD_IP (downward API status.podIP): remoting and bootstrap bind to it and other replicas reach this one there",
        HelpName = "IP",
    };

    private static readonly Option<int> ManagementPort = CommandLineOptions.Port("--management-port",
        "(with --discovery) bootstrap's HTTP port, the same in every pod", 8558);

    private static readonly Option<string?> ContactPointsOption = new("--contact-points")
    {
        Description = "(with --discovery) default $REQUIRED_CONTACT_POINTS, else 1: pods to find before the lowest-addressed one forms a new cluster (1 lets a single replica start)",
        HelpName = "N",
    };

    private static readonly Option<string?> AviSecret = new("--avi-secret")
    {
        Description = "Secret whose username/password/authtoken replace the credentials when they change (default in a pod: $POD_NAMESPACE/avi-secret; elsewhere none)",
        HelpName = "NS/NAME",
    };

    private static readonly Option<string?> LiveConfigOption = new("--live-config")
    {
        Description = "ConfigMap whose logLevel, enableEvents, deleteConfig apply live (default in a pod: $POD_NAMESPACE/avi-k8s-config; elsewhere none)",
        HelpName = "NS/NAME",
    };

    private static readonly Option<int> HttpPort = CommandLineOptions.Port("--http-port", "/healthz, /readyz, /metrics (0 picks one)", 8080);

    private static readonly Option<bool> JsonLogs = new("--json-logs") { Description = "one JSON object per log line" };

    static RunCommand()
    {
        Discovery.AcceptOnlyFromAmong("kubernetes");
        Seeds.Arity = ArgumentArity.ZeroOrMore;
    }

    /// <summary>The <c>run</c> command with its options; <paramref name="run"/> receives the built options.</summary>
    public static Command Create(Func<ControllerHostOptions, CancellationToken, Task<int>> run, Func<string, string?> environment)
    {
        var command = new Command("run", "one controller replica against a cluster and an Avi Controller (the default command)");
        AddOptions(command);
        command.SetAction((parse, stop) => run(Options(parse, environment), stop));
        return command;
    }

    /// <summary>Adds the options of <c>run</c> to a command (the root command takes them too, as <c>run</c> is the default).</summary>
    public static void AddOptions(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Values, ConfigMap, Kubeconfig, AviUrl, AviCa, AviInsecure, ReplicaId, AkkaHost, AkkaPort, AkkaPublicPort, Seeds, Discovery,
                     PodNamespace, PodSelector, PodIpOption, ManagementPort, ContactPointsOption, AviSecret, LiveConfigOption, HttpPort, JsonLogs,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Parses <c>run</c>'s arguments (with or without the verb) into the replica's options; throws
    /// <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ControllerHostOptions Options(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var command = Create((_, _) => Task.FromResult(0), environment);
        var parse = command.Parse(args.Count > 0 && args[0] == "run" ? args.Skip(1).ToList() : args);
        return Options(parse, environment);
    }

    /// <summary>Builds the replica's options; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ControllerHostOptions Options(ParseResult parse, Func<string, string?> environment)
    {
        if (parse.Errors.Count > 0) throw new ArgumentException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        var valuesText = parse.GetValue(Values) is { } valuesFile ? File.ReadAllText(valuesFile.FullName) : null;
        var configMapText = parse.GetValue(ConfigMap) is { } configMapFile ? File.ReadAllText(configMapFile.FullName) : null;
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
        var caPem = parse.GetValue(AviCa) is { } caFile ? File.ReadAllText(caFile.FullName) : credentials.GetValueOrDefault("certificateAuthorityData");

        var aviUrl = parse.GetValue(AviUrl) ?? (settings.ControllerHost.Length > 0
            ? settings.ControllerHost
            : throw new ArgumentException("No controller address: set ControllerSettings.controllerHost or pass --avi-url"));
        var replicaId = parse.GetValue(ReplicaId) ?? environment("POD_NAME") ?? System.Environment.MachineName;

        ClusterFormation formation = parse.GetValue(Discovery) switch
        {
            "kubernetes" => new ClusterFormation.KubernetesDiscovery(
                parse.GetValue(PodNamespace) ?? environment("POD_NAMESPACE") ?? "avi-system",
                parse.GetValue(PodSelector)!,
                PodIp(parse.GetValue(PodIpOption) ?? environment("POD_IP")),
                parse.GetValue(AkkaPort),
                parse.GetValue(ManagementPort),
                ContactPoints(parse.GetValue(ContactPointsOption) ?? environment("REQUIRED_CONTACT_POINTS"))),
            _ => new ClusterFormation.StaticSeeds(parse.GetValue(AkkaHost)!, parse.GetValue(AkkaPort), parse.GetValue(Seeds) ?? [], parse.GetValue(AkkaPublicPort)),
        };

        return new ControllerHostOptions
        {
            Settings = settings,
            Avi = new AviClientOptions
            {
                BaseUrl = AviClientOptions.ParseControllerHost(aviUrl),
                ApiVersion = settings.ControllerVersion,
                CertificateAuthorityPem = caPem,
                SkipCertificateVerification = parse.GetValue(AviInsecure),
                ReplicaId = replicaId,
            },
            AviCredentials = new AviCredentials(username, password, token),
            Kubernetes = KubernetesConfiguration(parse.GetValue(Kubeconfig) ?? environment("KUBECONFIG")),
            Formation = formation,
            ReplicaId = replicaId,
            HttpPort = parse.GetValue(HttpPort),
            LiveConfigMap = LiveConfig(parse.GetValue(LiveConfigOption), environment),
            CredentialsSecret = CredentialsSecret(parse.GetValue(AviSecret), environment),
            HttpOnAllInterfaces = KubernetesClientConfiguration.IsInCluster(),
            LogLevel = settings.LogLevel,
            JsonLogs = parse.GetValue(JsonLogs),
            UnsupportedSettingsWarning = parsed.UnsupportedWarning,
            OwnPod = environment("POD_NAMESPACE") is { Length: > 0 } podNamespace && environment("POD_NAME") is { Length: > 0 } podName
                ? KubeObjectRef.Pod(podNamespace, podName)
                : null,
        };
    }

    private static string PodIp(string? value) =>
        value is { Length: > 0 } && System.Net.IPAddress.TryParse(value, out _)
            ? value
            : throw new ArgumentException(value is { Length: > 0 }
                ? $"--pod-ip / POD_IP '{value}' is not an IP address"
                : "--discovery kubernetes needs this pod's IP: set POD_IP from the downward API (env: {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}) or pass --pod-ip");

    private static int ContactPoints(string? value) =>
        value is null ? 1
        : int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= 1 ? count
        : throw new ArgumentException($"--contact-points / REQUIRED_CONTACT_POINTS '{value}' must be a whole number of at least 1");

    private static SecretName? CredentialsSecret(string? value, Func<string, string?> environment)
    {
        if (value is null)
        {
            return KubernetesClientConfiguration.IsInCluster() && environment("POD_NAMESPACE") is { Length: > 0 } ns ? SecretName.AviSecret(ns) : null;
        }
        var parts = value.Split('/');
        return parts is [{ Length: > 0 } space, { Length: > 0 } name]
            ? new SecretName(space, name)
            : throw new ArgumentException($"--avi-secret needs NAMESPACE/NAME, not '{value}'");
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
