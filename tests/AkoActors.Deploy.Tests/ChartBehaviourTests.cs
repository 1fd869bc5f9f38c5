using System.Text.Json.Nodes;
using AkoActors.Deploy.Tests.Helm;
using AkoActors.Deploy.Tests.Manifests;

namespace AkoActors.Deploy.Tests;

/// <summary>What single values do to the rendered objects: live settings, replicas, IngressClass, credentials.</summary>
public class ChartBehaviourTests
{
    [SkippableTheory]
    [InlineData("AKOSettings.logLevel=DEBUG", "logLevel", "DEBUG")]
    [InlineData("AKOSettings.enableEvents=false", "enableEvents", "false")]
    [InlineData("AKOSettings.deleteConfig=true", "deleteConfig", "true")]
    public async Task A_live_setting_changes_the_ConfigMap_and_nothing_else(string setting, string key, string value)
    {
        var before = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"));
        var after = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"), "--set-string", setting);

        foreach (var (name, item) in before.Objects.Where(o => !o.Key.StartsWith("ConfigMap ", StringComparison.Ordinal)))
        {
            Assert.True(JsonNode.DeepEquals(item, after.Objects[name]), $"{name} changed although only {setting} did (the pods would restart)");
        }
        var beforeData = Data(before);
        var afterData = Data(after);
        Assert.Equal(value, afterData[key]);
        Assert.Equal(beforeData.Keys.Order(), afterData.Keys.Order());
        Assert.All(beforeData.Keys.Where(k => k != key), k => Assert.Equal(beforeData[k], afterData[k]));
    }

    [SkippableTheory]
    [InlineData("L7Settings.shardVSSize=LARGE")]
    [InlineData("ControllerSettings.cloudName=Other-Cloud")]
    [InlineData("AKOSettings.clusterName=another")]
    public async Task A_setting_read_at_start_rolls_the_pods(string setting)
    {
        var before = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"));
        var after = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"), "--set-string", setting);
        Assert.NotEqual(RestartChecksum(before), RestartChecksum(after));
    }

    [SkippableFact]
    public async Task Replicas_come_from_akoActors_replicaCount_not_from_AKOs_replicaCount()
    {
        var rendered = await ChartTemplate.RenderAsync("--set", "akoActors.replicaCount=7", "--set", "replicaCount=2");
        Assert.Equal(7, rendered.Get("Deployment", "ako-actors")["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(1, rendered.Get("PodDisruptionBudget", "ako-actors")["spec"]!["maxUnavailable"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task Pods_carry_the_discovery_labels_pod_IP_and_probes()
    {
        var rendered = await ChartTemplate.RenderAsync();
        var deployment = rendered.Get("Deployment", "ako-actors");
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]![0]!;
        var labels = pod["metadata"]!["labels"]!.AsObject();
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var selector = args[args.IndexOf("--pod-selector") + 1];

        // Akka.Discovery.KubernetesApi lists pods by this selector: it must select exactly the Deployment's pods.
        Assert.Equal(selector.Split(',').Order(), labels.Select(l => $"{l.Key}={l.Value}").Order());
        Assert.True(JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], labels));
        var env = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);
        Assert.Equal("status.podIP", env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("1", env["REQUIRED_CONTACT_POINTS"]["value"]!.GetValue<string>());
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        var ports = container["ports"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["containerPort"]!.GetValue<long>());
        Assert.Equal(new Dictionary<string, long> { ["remoting"] = 4053, ["management"] = 8558, ["http"] = 8080 }, ports);
        Assert.Equal("8080", args[args.IndexOf("--http-port") + 1]);
    }

    [SkippableFact]
    public async Task AKOs_apiServerPort_moves_the_probe_and_metrics_port()
    {
        var rendered = await ChartTemplate.RenderAsync("--set", "AKOSettings.apiServerPort=9090", "--set", "featureGates.EnablePrometheus=true");
        var pod = rendered.Get("Deployment", "ako-actors")["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal("9090", args[args.IndexOf("--http-port") + 1]);
        Assert.Contains(container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "http" && p["containerPort"]!.GetValue<long>() == 9090);
        Assert.Equal("9090", pod["metadata"]!["annotations"]!["prometheus.io/port"]!.GetValue<string>());
    }

    [SkippableTheory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task IngressClass_avi_lb_is_the_cluster_default_only_with_defaultIngController(string defaultIngController, bool isDefault)
    {
        var rendered = await ChartTemplate.RenderAsync("--set-string", $"L7Settings.defaultIngController={defaultIngController}");
        var ingressClass = rendered.Get("IngressClass", "avi-lb");
        Assert.Equal("ako.vmware.com/avi-lb", ingressClass["spec"]!["controller"]!.GetValue<string>());
        var annotation = ingressClass["metadata"]!["annotations"]?["ingressclass.kubernetes.io/is-default-class"]?.GetValue<string>();
        Assert.Equal(isDefault ? "true" : null, annotation);
    }

    [SkippableFact]
    public async Task A_secondary_instance_installs_no_IngressClass()
    {
        var rendered = await ChartTemplate.RenderAsync("--set", "AKOSettings.primaryInstance=false");
        Assert.False(rendered.Contains("IngressClass", "avi-lb"));
    }

    [SkippableFact]
    public async Task Without_credentials_no_Secret_is_rendered_and_the_pods_still_read_avi_secret()
    {
        var rendered = await ChartTemplate.RenderAsync();
        Assert.False(rendered.Contains("Secret", "avi-secret"));
        var env = rendered.Get("Deployment", "ako-actors")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        var username = env.Single(e => e!["name"]!.GetValue<string>() == "AVI_USERNAME")!["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal("avi-secret", username["name"]!.GetValue<string>());
        Assert.Null(username["optional"]);
    }

    [SkippableFact]
    public async Task An_empty_avicredentials_section_renders_like_no_credentials()
    {
        var values = Path.Combine(Path.GetTempPath(), $"empty-credentials-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(values, "AKOSettings:\n  clusterName: lab\navicredentials:\n");
        try
        {
            var rendered = await ChartTemplate.RenderAsync("-f", values);
            Assert.False(rendered.Contains("Secret", "avi-secret"));
        }
        finally
        {
            File.Delete(values);
        }
    }

    [SkippableFact]
    public async Task AKO_values_image_does_not_replace_the_AkoActors_image()
    {
        var rendered = await ChartTemplate.RenderAsync("--set", "image.repository=projects.registry.vmware.com/ako/ako", "--set", "akoActors.image.tag=1.2.3");
        var container = rendered.Get("Deployment", "ako-actors")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("ako-actors:1.2.3", container["image"]!.GetValue<string>());
    }

    private static Dictionary<string, string> Data(ManifestSet set) =>
        set.Get("ConfigMap", "avi-k8s-config")["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static string RestartChecksum(ManifestSet set) =>
        set.Get("Deployment", "ako-actors")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/restart-settings"]!.GetValue<string>();
}
