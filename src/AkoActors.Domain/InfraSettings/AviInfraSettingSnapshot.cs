using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.InfraSettings;

/// <summary>What the controller reads of an AKO AviInfraSetting (<c>ako.vmware.com/v1beta1</c>, cluster scope): the
/// infrastructure slice (SE group, VIP and node networks, RHI, BGP peers, listeners, shard size) that Services, Ingress
/// classes and namespaces attach to, and the status last written to it.</summary>
/// <param name="SeGroup"><c>spec.seGroup.name</c>, or null for the controller's own SE group.</param>
/// <param name="VipNetworks"><c>spec.network.vipNetworks</c>; empty for the controller's own vipNetworkList.</param>
/// <param name="NodeNetworks"><c>spec.network.nodeNetworks</c>; empty for the controller's own nodeNetworkList.</param>
/// <param name="EnableRhi"><c>spec.network.enableRhi</c>; null when not set.</param>
/// <param name="ShardSize"><c>spec.l7Settings.shardSize</c> (LARGE, MEDIUM, SMALL, DEDICATED); null for shardVSSize.</param>
public sealed record AviInfraSettingSnapshot(
    AviInfraSettingKey Key,
    string Uid,
    DateTimeOffset Created,
    string? SeGroup,
    EquatableArray<VipNetwork> VipNetworks,
    EquatableArray<NodeNetwork> NodeNetworks,
    bool? EnableRhi,
    EquatableArray<string> BgpPeerLabels,
    EquatableArray<InfraListener> Listeners,
    string? ShardSize,
    RuleStatus? Status) : IAdmittedResource
{
    /// <summary>Names an AviInfraSetting on a Namespace, or on a Service of type LoadBalancer.</summary>
    public const string NameAnnotation = "aviinfrasetting.ako.vmware.com/name";

    /// <summary>What an IngressClass's <c>spec.parameters</c> reads as when it names an AviInfraSetting
    /// (<c>apiGroup: ako.vmware.com, kind: AviInfraSetting</c>).</summary>
    public const string ParametersKind = "AviInfraSetting";

    /// <summary><c>spec.network.enablePublicIP</c>: a floating (public) IP beside each VIP, on public clouds (AKO's rule);
    /// null when not set.</summary>
    public bool? EnablePublicIp { get; init; }

    /// <summary><c>spec.nsxSettings.t1lr</c>: the NSX-T tier-1 router the setting's VIPs and pools are placed on (the
    /// controller takes that router's VRF); null for the controller's own VRF.</summary>
    public string? T1Lr { get; init; }

    public long Generation { get; init; }

    public long? DecidedGeneration { get; init; }

    public EquatableArray<string> Ignored { get; init; } = EquatableArray<string>.Empty;

    public bool IsEffective => RuleAdmission.IsEffective(this);

    public bool IsAwaitingCheck => RuleAdmission.IsAwaitingCheck(this);

    /// <summary>Cluster scope: no namespace.</summary>
    string IAdmittedResource.Namespace => string.Empty;

    string IAdmittedResource.Name => Key.Name;

    object IAdmittedResource.Settings => Settings;

    public AviInfraSettingSnapshot Settings => this with { Status = null, DecidedGeneration = null };
}
