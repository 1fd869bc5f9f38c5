using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>One <c>markers[]</c> entry (key + values): how Avi objects are tagged with the cluster and the Kubernetes object they serve.</summary>
public sealed record AviMarker(string Key, EquatableArray<string> Values)
{
    public const string ClusterNameKey = "clustername";
    public const string NamespaceKey = "Namespace";
    public const string ServiceNameKey = "ServiceName";
    public const string PortKey = "Port";
    public const string ProtocolKey = "Protocol";
    public const string HostKey = "Host";
    public const string IngressNameKey = "IngressName";

    /// <summary>AKO marks a shared-VIP group's objects with the annotation value under this key (its "gateway").</summary>
    public const string GatewayNameKey = "GatewayName";

    /// <summary>AKO marks every object of an AviInfraSetting's shared VSes with the setting's name under this key.</summary>
    public const string InfraSettingNameKey = "InfrasettingName";

    public static AviMarker Of(string key, params string[] values) => new(key, values.ToEquatableArray());

    public override string ToString() => $"{Key}=[{string.Join(",", Values)}]";
}
