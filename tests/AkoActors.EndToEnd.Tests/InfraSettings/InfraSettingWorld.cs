using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>The world the AviInfraSetting tests share: AviSim's default profile plus the SE group <c>infra-se-group</c> (no
/// labels) and the VIP network <c>infra-vip</c> (172.16.252.0/24, VIPs .1-.100) and whatever else a test class seeds, one
/// replica that looks for a CRD installed late every 300 ms, and the chart's AviInfraSetting CRD applied with kubectl.</summary>
internal static class InfraSettingWorld
{
    public static Task<ControllerWorld> StartAsync(params SeedObject[] extra) => StartAsync(WithInfraObjects(extra));

    /// <summary>The same world with the default profile's cloud <c>Default-Cloud</c> of another <c>vtype</c> (a public cloud,
    /// say: <c>CLOUD_GCP</c>), which the controller reads at start.</summary>
    public static Task<ControllerWorld> StartOnCloudAsync(string cloudType, params SeedObject[] extra) => StartAsync(OnCloud(WithInfraObjects(extra), cloudType));

    /// <summary><paramref name="profile"/> with its cloud <c>Default-Cloud</c> of another <c>vtype</c>.</summary>
    public static SeedProfile OnCloud(SeedProfile profile, string cloudType) =>
        profile with
        {
            Objects = [.. profile.Objects.Select(o => o.Type == "cloud" && o.Body["name"]?.GetValue<string>() == "Default-Cloud" ? OfType(o, cloudType) : o)],
        };

    private static SeedObject OfType(SeedObject cloud, string cloudType)
    {
        var body = (JsonObject)cloud.Body.DeepClone();
        body["vtype"] = cloudType;
        return cloud with { Body = body };
    }

    private static async Task<ControllerWorld> StartAsync(SeedProfile aviProfile)
    {
        var world = await ControllerWorld.StartAsync(replicas: 0, aviProfile: aviProfile);
        await world.StartReplicaAsync("replica-0", options => options with
        {
            Informers = options.Informers with { AbsentResourceRecheck = TimeSpan.FromMilliseconds(300) },
        });
        await world.WaitUntilReadyAsync();
        await world.WaitUntilStaticRoutesWrittenAsync();
        var crd = Path.Combine(Deployment.RepositoryPaths.Root, "deploy", "helm", "ako-actors", "crds", "ako.vmware.com_aviinfrasettings.yaml");
        await world.Kubectl.SucceedAsync("apply", "-f", crd);
        return world;
    }

    /// <summary>An IngressClass of this controller; with <paramref name="setting"/>, its <c>spec.parameters</c> name that
    /// AviInfraSetting (AKO's way of giving an IngressClass's Ingresses a setting).</summary>
    public static string IngressClass(string name, string? setting)
    {
        var parameters = setting is null ? "" : "  parameters: {apiGroup: ako.vmware.com, kind: AviInfraSetting, name: " + setting + ", scope: Cluster}";
        return $$"""
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: {{name}}}
            spec:
              controller: ako.vmware.com/avi-lb
            {{parameters}}
            """;
    }

    /// <summary>The default profile's SE group <c>Default-Group</c> copied under another name (and, when given, labels).</summary>
    public static SeedObject SeGroup(string name, JsonArray? labels = null)
    {
        var seGroup = SeedProfile.Default.Objects.First(o => o.Type == "serviceenginegroup" && o.Body["name"]?.GetValue<string>() == "Default-Group");
        var group = (JsonObject)seGroup.Body.DeepClone();
        group["name"] = name;
        if (labels is not null) group["labels"] = labels;
        return seGroup with { Body = group };
    }

    /// <summary>The default profile's VIP network <c>alb-vip</c> copied as <paramref name="name"/> on 172.16.<paramref name="octet"/>.0/24,
    /// VIPs .1-.100.</summary>
    public static SeedObject VipNetwork(string name, int octet)
    {
        var vip = SeedProfile.Default.Objects.First(o => o.Type == "network" && o.Body["name"]?.GetValue<string>() == "alb-vip");
        var network = (JsonObject)vip.Body.DeepClone();
        network["name"] = name;
        var subnet = network["configured_subnets"]![0]!;
        subnet["prefix"]!["ip_addr"]!["addr"] = $"172.16.{octet}.0";
        subnet["static_ip_ranges"]![0]!["range"]!["begin"]!["addr"] = $"172.16.{octet}.1";
        subnet["static_ip_ranges"]![0]!["range"]!["end"]!["addr"] = $"172.16.{octet}.100";
        return vip with { Body = network };
    }

    /// <summary>The default profile's alb-vip copied as <paramref name="name"/> on 172.16.<paramref name="octet"/>.0/24 and
    /// 2001:db8:<paramref name="octet"/>::/64.</summary>
    public static SeedObject DualStackNetwork(string name, int octet)
    {
        var copy = VipNetwork(name, octet);
        var body = (JsonObject)copy.Body.DeepClone();
        var v6 = body["configured_subnets"]![1]!;
        v6["prefix"]!["ip_addr"]!["addr"] = $"2001:db8:{octet}::";
        v6["static_ip_ranges"]![0]!["range"]!["begin"]!["addr"] = $"2001:db8:{octet}::1";
        v6["static_ip_ranges"]![0]!["range"]!["end"]!["addr"] = $"2001:db8:{octet}::64";
        return copy with { Body = body };
    }

    /// <summary>The default profile's alb-vip copied as <paramref name="name"/> with its IPv6 subnet alone,
    /// 2001:db8:<paramref name="octet"/>::/64 (VIPs ::1-::64): a network with a v6cidr and no cidr.</summary>
    public static SeedObject V6OnlyNetwork(string name, int octet)
    {
        var copy = DualStackNetwork(name, octet);
        var body = (JsonObject)copy.Body.DeepClone();
        body["configured_subnets"]!.AsArray().RemoveAt(0);
        return copy with { Body = body };
    }

    private static SeedProfile WithInfraObjects(SeedObject[] extra)
    {
        var profile = SeedProfile.Default;
        return profile with { Objects = [.. profile.Objects, SeGroup("infra-se-group"), VipNetwork("infra-vip", 252), .. extra] };
    }
}
