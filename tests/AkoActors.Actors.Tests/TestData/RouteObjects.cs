using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;

namespace AkoActors.Actors.Tests.TestData;

/// <summary>Nodes as the informers would deliver them, for cluster "avi-cluster" (the seed article's name).</summary>
public static class RouteObjects
{
    public const string Cluster = "avi-cluster";

    private static readonly DateTimeOffset Day0 = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static AkoSettings Settings { get; } = new()
    {
        ClusterName = Cluster,
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    public static NodeSnapshot Node(string name, string internalIp, string podCidr, int createdMinute = 0, string? annotation = null) =>
        new(new NodeKey(name), $"uid-{name}", LabelSet.Empty,
            annotation is null ? LabelSet.Empty : new LabelSet([KeyValuePair.Create(NodeSnapshot.PodCidrsAnnotation, annotation)]),
            new[] { podCidr }.ToEquatableArray(),
            internalIp.Length == 0 ? EquatableArray<NodeAddressSpec>.Empty : new[] { new NodeAddressSpec("InternalIP", internalIp) }.ToEquatableArray())
        {
            CreatedAt = Day0.AddMinutes(createdMinute),
        };

    /// <summary>The seed profile's six nodes (masters 10.244.0-2.0/24, workers 10.244.3-5.0/24), in creation order.</summary>
    public static IReadOnlyList<NodeSnapshot> Seed { get; } =
    [
        Node("avi-master1", "172.16.250.11", "10.244.0.0/24", 0),
        Node("avi-master2", "172.16.250.12", "10.244.1.0/24", 1),
        Node("avi-master3", "172.16.250.13", "10.244.2.0/24", 2),
        Node("avi-node1", "172.16.250.21", "10.244.3.0/24", 3),
        Node("avi-node2", "172.16.250.22", "10.244.4.0/24", 4),
        Node("avi-node3", "172.16.250.23", "10.244.5.0/24", 5),
    ];

    public static readonly string[] SeedRoutes =
    [
        "avi-cluster-1: 10.244.0.0/24 via 172.16.250.11", "avi-cluster-2: 10.244.1.0/24 via 172.16.250.12",
        "avi-cluster-3: 10.244.2.0/24 via 172.16.250.13", "avi-cluster-4: 10.244.3.0/24 via 172.16.250.21",
        "avi-cluster-5: 10.244.4.0/24 via 172.16.250.22", "avi-cluster-6: 10.244.5.0/24 via 172.16.250.23",
    ];

    /// <summary>Node i of a large cluster: 10.(100 + i / 250).(i % 250).0/24 via 172.20.(i / 250).(i % 250 + 1).</summary>
    public static NodeSnapshot Worker(int i) =>
        Node($"worker-{i:000}", $"172.20.{i / 250}.{(i % 250) + 1}", $"10.{100 + (i / 250)}.{i % 250}.0/24", 100 + i);
}
