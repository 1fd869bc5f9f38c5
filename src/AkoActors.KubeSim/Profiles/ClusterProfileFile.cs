using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;
using AkoActors.Yaml;

namespace AkoActors.KubeSim.Profiles;

/// <summary>
/// Reads a cluster profile from YAML or JSON:
/// <code>
/// kubeletVersion: v1.32.0
/// kubernetesService: true
/// nodes:
///   - {name: avi-node1, internalIP: 172.16.250.21, podCIDR: 10.244.3.0/24, controlPlane: false, ready: true, labels: {zone: a}}
/// namespaces: [avi-system]
/// ingressClasses:
///   - {name: avi-lb, controller: ako.vmware.com/avi-lb, default: true}
/// objects:          # any manifests, created in order
///   - {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: avi-system}, data: {a: b}}
/// </code>
/// </summary>
public static class ClusterProfileFile
{
    /// <summary>Loads a profile; the name <c>seed</c> or <c>empty</c> selects a built-in one.</summary>
    public static ClusterProfile Load(string pathOrName)
    {
        switch (pathOrName)
        {
            case "seed":
                return ClusterProfile.Seed;
            case "empty":
                return ClusterProfile.Empty;
        }
        return Parse(File.ReadAllText(pathOrName));
    }

    /// <summary>Parses profile text; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static ClusterProfile Parse(string text)
    {
        var root = YamlJson.Parse(text) as JsonObject ?? throw new FormatException("a cluster profile must be a mapping");
        var nodes = root.ArrayAt("nodes").Select((n, i) => new NodeProfile
        {
            Name = n.StringAt("name") ?? throw new FormatException($"nodes[{i}].name is required"),
            InternalIp = n.StringAt("internalIP") ?? throw new FormatException($"nodes[{i}].internalIP is required"),
            PodCidr = n.StringAt("podCIDR") ?? throw new FormatException($"nodes[{i}].podCIDR is required"),
            ControlPlane = n.BoolAt("controlPlane") ?? false,
            Ready = n.BoolAt("ready") ?? true,
            Labels = n.StringMapAt("labels"),
        }).ToList();
        var classes = root.ArrayAt("ingressClasses").Select((c, i) => new IngressClassProfile(
            c.StringAt("name") ?? throw new FormatException($"ingressClasses[{i}].name is required"),
            c.StringAt("controller") ?? throw new FormatException($"ingressClasses[{i}].controller is required"),
            c.BoolAt("default") ?? false)).ToList();
        return new ClusterProfile
        {
            KubeletVersion = root.StringAt("kubeletVersion") ?? "v1.32.0",
            KubernetesService = root.BoolAt("kubernetesService") ?? true,
            Nodes = nodes,
            Namespaces = root.ArrayAt("namespaces").Select(n => n?.GetValue<string>() ?? throw new FormatException("namespaces must be strings")).ToList(),
            IngressClasses = classes,
            Objects = root.ArrayAt("objects").Select((o, i) => o as JsonObject ?? throw new FormatException($"objects[{i}] must be a mapping")).ToList(),
        };
    }
}
