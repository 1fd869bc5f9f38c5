using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;

namespace AkoActors.Actors.Tests.TestData;

/// <summary>Services and EndpointSlices as the informers would deliver them, for cluster "c1".</summary>
public static class L4Objects
{
    public static AkoSettings Settings { get; } = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
        AutoFqdn = AutoFqdnMode.Disabled,
    };

    public static ServiceSnapshot LoadBalancer(string ns, string name, params (int Port, string Protocol)[] ports) =>
        new(new ServiceKey(ns, name), $"uid-{ns}-{name}", "LoadBalancer", null,
            ports.Select(p => new ServicePortSpec(null, p.Protocol, p.Port, PortReference.OfNumber(p.Port + 8000), null)).ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);

    public static ServiceSnapshot LoadBalancer(string ns, string name, int port = 80) => LoadBalancer(ns, name, (port, "TCP"));

    /// <summary>A slice whose endpoints are all ready, serving the Service's single unnamed port on target port + 8000.</summary>
    public static EndpointSliceSnapshot Slice(string ns, string service, int servicePort, params string[] ips) =>
        new(ns, $"{service}-abc12", service, "IPv4",
            new[] { new EndpointPortSpec(null, servicePort + 8000, "TCP") }.ToEquatableArray(),
            ips.Select(ip => new EndpointSpec(new[] { ip }.ToEquatableArray(), true, true, false, "avi-node1")).ToEquatableArray());

    public static string[] PodIps(int count, int offset = 1) => Enumerable.Range(offset, count).Select(i => $"10.244.3.{i}").ToArray();
}
