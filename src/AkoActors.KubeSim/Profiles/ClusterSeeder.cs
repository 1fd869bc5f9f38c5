using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;

namespace AkoActors.KubeSim.Profiles;

/// <summary>Creates a profile's objects through the registry (so they are validated and versioned like any other write).</summary>
public static class ClusterSeeder
{
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Creates what the profile describes; objects that already exist (a restored snapshot) are left alone.</summary>
    public static void Seed(ResourceRegistry registry, ClusterProfile profile)
    {
        var catalog = registry.Catalog;
        var namespaces = catalog.FindByKind("v1", "Namespace")!;
        foreach (var ns in SystemNamespaces.Concat(profile.Namespaces).Distinct())
        {
            CreateIfMissing(() => registry.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }));
        }
        var nodes = catalog.FindByKind("v1", "Node")!;
        foreach (var node in profile.Nodes)
        {
            CreateIfMissing(() => registry.Create(nodes, null, NodeObject(node, profile.KubeletVersion), new WriteOptions { PreserveStatus = true }));
        }
        var classes = catalog.FindByKind("networking.k8s.io/v1", "IngressClass")!;
        foreach (var ingressClass in profile.IngressClasses)
        {
            var metadata = new JsonObject { ["name"] = ingressClass.Name };
            if (ingressClass.IsDefault)
            {
                metadata["annotations"] = new JsonObject { ["ingressclass.kubernetes.io/is-default-class"] = "true" };
            }
            CreateIfMissing(() => registry.Create(classes, null, new JsonObject { ["metadata"] = metadata, ["spec"] = new JsonObject { ["controller"] = ingressClass.Controller } }));
        }
        if (profile.KubernetesService)
        {
            var services = catalog.FindByKind("v1", "Service")!;
            CreateIfMissing(() => registry.Create(services, "default", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" } },
                ["spec"] = new JsonObject
                {
                    ["clusterIP"] = Admission.ServiceAddressAllocator.KubernetesServiceIp(registry.Options.ServiceCidr),
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                },
            }));
        }
        foreach (var obj in profile.Objects)
        {
            var type = registry.Resolve(obj.StringAt("apiVersion") ?? string.Empty, obj.StringAt("kind") ?? string.Empty);
            CreateIfMissing(() => registry.Create(type, obj.StringAt("metadata", "namespace"), obj, new WriteOptions { PreserveStatus = true }));
        }
    }

    /// <summary>A Node object as a kubelet registers it.</summary>
    public static JsonObject NodeObject(NodeProfile node, string kubeletVersion)
    {
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
        };
        if (node.ControlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = string.Empty;
        }
        foreach (var (key, value) in node.Labels)
        {
            labels[key] = value;
        }
        var spec = new JsonObject { ["podCIDR"] = node.PodCidr, ["podCIDRs"] = new JsonArray(node.PodCidr) };
        if (node.ControlPlane)
        {
            spec["taints"] = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/control-plane", ["effect"] = "NoSchedule" });
        }
        JsonObject Condition(string type, bool status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["reason"] = reason,
            ["message"] = message,
        };
        var resources = new JsonObject { ["cpu"] = "4", ["memory"] = "8148204Ki", ["pods"] = "110", ["ephemeral-storage"] = "102687672Ki" };
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = node.Name, ["labels"] = labels },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = node.InternalIp },
                    new JsonObject { ["type"] = "Hostname", ["address"] = node.Name }),
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    node.Ready ? Condition("Ready", true, "KubeletReady", "kubelet is posting ready status") : Condition("Ready", false, "KubeletNotReady", "container runtime network not ready")),
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = "amd64",
                    ["operatingSystem"] = "linux",
                    ["osImage"] = "Ubuntu 20.04.1 LTS",
                    ["kernelVersion"] = "5.4.0-65-generic",
                    ["containerRuntimeVersion"] = "containerd://1.7.22",
                    ["kubeletVersion"] = kubeletVersion,
                    ["kubeProxyVersion"] = kubeletVersion,
                    ["machineID"] = Guid.NewGuid().ToString("N"),
                    ["systemUUID"] = Guid.NewGuid().ToString(),
                    ["bootID"] = Guid.NewGuid().ToString(),
                },
            },
        };
    }

    private static void CreateIfMissing(Func<JsonObject> create)
    {
        try
        {
            create();
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Restored from a snapshot: keep what is there.
        }
    }
}
