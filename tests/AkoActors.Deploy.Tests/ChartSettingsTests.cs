using AkoActors.Configuration;
using AkoActors.Deploy.Tests.Helm;
using AkoActors.Deploy.Tests.Manifests;
using AkoActors.Domain.Settings;
using AkoActors.Hosting;
using AkoActors.Testing.Fixtures;

namespace AkoActors.Deploy.Tests;

/// <summary>The chart and the controller agree: every AKO key the controller reads reaches the pod, and the pod a user's
/// AKO values file produces starts the controller (the real <see cref="RunCommand"/>) with that file's settings.</summary>
public sealed class ChartSettingsTests : IDisposable
{
    private readonly string _kubeconfig = WriteKubeconfig();

    public void Dispose() => File.Delete(_kubeconfig);

    [SkippableFact]
    public async Task Every_setting_the_controller_reads_reaches_the_pod_from_avi_k8s_config()
    {
        var rendered = await ChartTemplate.RenderAsync();
        var wired = rendered.Get("Deployment", "ako-actors")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Where(e => e!["valueFrom"]?["configMapKeyRef"] is not null)
            .Select(e => $"{e!["name"]!.GetValue<string>()} <- {e["valueFrom"]!["configMapKeyRef"]!["key"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal);
        var read = AkoConfigKey.All.Concat(AkoConfigKey.LegacyVipNetwork)
            .Select(k => $"{k.EnvironmentVariable} <- {k.ConfigMapKey}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(read, wired);
    }

    [SkippableFact]
    public async Task Seed_article_values_start_the_controller_with_the_articles_settings()
    {
        var values = ChartFiles.AkoValuesFixture("seed-article-values.yaml");
        var rendered = await ChartTemplate.RenderAsync("-f", values);
        using var pod = PodEnvironment.Of(rendered, Dockerfile, "ako-actors-7d9c-x2x4q", "10.244.1.5");

        var options = Start(pod);

        Assert.Equal("avi-cluster", options.Settings.ClusterName);
        Assert.Equal([new VipNetwork("alb-vip", "172.16.251.0/24")], options.Settings.VipNetworks);
        Assert.Equal(ShardVsSize.Small, options.Settings.ShardVsSize);
        Assert.Equal("172.16.250.1", options.Settings.ControllerHost);
        Assert.Equal("20.1.3", options.Settings.ControllerVersion);
        Assert.Equal(new Uri("https://172.16.250.1"), options.Avi.BaseUrl);
        Assert.Equal("WARN", options.Settings.LogLevel);
        Assert.Equal(new("<USER>", "<PASSWORD>", null), options.AviCredentials);
        Assert.Equal("ako-actors-7d9c-x2x4q", options.ReplicaId);
        var discovery = Assert.IsType<ClusterFormation.KubernetesDiscovery>(options.Formation);
        Assert.Equal(ChartFiles.Namespace, discovery.Namespace);
        Assert.Equal("app.kubernetes.io/name=ako-actors,app.kubernetes.io/instance=ako-actors", discovery.PodLabelSelector);
        Assert.Equal(4053, discovery.RemotingPort);
        Assert.Equal(8080, options.HttpPort);
        Assert.True(options.JsonLogs);
    }

    [SkippableFact]
    public async Task Tests_own_values_start_the_controller_with_node_ports_a_token_and_the_CA()
    {
        var rendered = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"));
        using var pod = PodEnvironment.Of(rendered, Dockerfile, "ako-actors-0", "10.244.2.9");

        var options = Start(pod);

        var settings = options.Settings;
        Assert.Equal("lab-east", settings.ClusterName);
        Assert.Equal([new VipNetwork("vip-east", "10.20.0.0/24")], settings.VipNetworks);
        Assert.Equal(ShardVsSize.Medium, settings.ShardVsSize);
        Assert.Equal(PoolServerMode.NodePort, settings.ServiceType);
        Assert.Equal(new LabelSelectorPair("ingress-ready", "true"), settings.NodePortSelector);
        Assert.False(settings.DefaultIngController);
        Assert.Equal(AutoFqdnMode.Flat, settings.AutoFqdn);
        Assert.Equal(["kube-system", "kube-public"], settings.BlockedNamespaces);
        Assert.Equal("lab", settings.TenantName);
        Assert.Equal("INFO", settings.LogLevel);
        Assert.Equal(new("ako-east", null, "token-from-the-controller"), options.AviCredentials);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", options.Avi.CertificateAuthorityPem, StringComparison.Ordinal);
        Assert.False(options.Avi.SkipCertificateVerification);
    }

    [SkippableFact]
    public async Task AKO_default_values_are_refused_by_the_controller_for_what_the_user_must_edit()
    {
        // AKO's own defaults leave vipNetworkList and controllerHost empty: the controller must say so, naming the keys,
        // rather than start half-configured (the pod then crash-loops with that message in its log).
        var values = ChartFiles.AkoValuesFixture("ako-default-values.yaml");
        var rendered = await ChartTemplate.RenderAsync("-f", values, "--set", "avicredentials.username=admin", "--set", "avicredentials.password=secret");
        using var pod = PodEnvironment.Of(rendered, Dockerfile, "ako-actors-0", "10.244.2.9");

        var refusal = Assert.Throws<ArgumentException>(() => Start(pod));
        Assert.Contains("NetworkSettings.vipNetworkList", refusal.Message, StringComparison.Ordinal);
    }

    private static string Dockerfile => Path.Combine(SharedFolder.RepositoryRoot!, "deploy", "Dockerfile");

    private ControllerHostOptions Start(PodEnvironment pod)
    {
        Assert.Equal("run", pod.CommandLine[0]);
        return RunCommand.Options(pod.CommandLine, name => name == "KUBECONFIG" ? _kubeconfig : pod.Variables.GetValueOrDefault(name));
    }

    /// <summary>In a pod the controller uses the in-cluster config; here a kubeconfig stands in (nothing connects to it).</summary>
    private static string WriteKubeconfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deploy-tests-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: sim, cluster: {server: "https://127.0.0.1:6443"}}]
            users: [{name: sim, user: {token: unused}}]
            contexts: [{name: sim, context: {cluster: sim, user: sim}}]
            current-context: sim
            """);
        return path;
    }
}
