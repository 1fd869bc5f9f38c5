using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Settings;

/// <summary>The AKO-compatible settings (Helm values / ConfigMap avi-k8s-config / environment) that shape translation.</summary>
/// <remarks>Credentials are deliberately not here: they live only in the Avi client's options and are never logged.</remarks>
public sealed record AkoSettings
{
    public required string ClusterName { get; init; }

    public string LogLevel { get; init; } = "WARN";

    public bool EnableEvents { get; init; } = true;

    public bool DeleteConfig { get; init; }

    public bool DisableStaticRouteSync { get; init; }

    /// <summary>AKO's <c>cniPlugin</c>, lower case: where static routes take each node's pod CIDRs and next hop from
    /// (see <c>Routes.CniPlugins</c>); empty for the default (annotation, else spec.podCIDRs).</summary>
    public string CniPlugin { get; init; } = string.Empty;

    public LabelSelectorPair NamespaceSelector { get; init; } = LabelSelectorPair.None;

    public EquatableArray<string> BlockedNamespaces { get; init; } = EquatableArray<string>.Empty;

    public bool Layer7Only { get; init; }

    public EquatableArray<VipNetwork> VipNetworks { get; init; } = EquatableArray<VipNetwork>.Empty;

    public EquatableArray<NodeNetwork> NodeNetworks { get; init; } = EquatableArray<NodeNetwork>.Empty;

    public string DefaultDomain { get; init; } = string.Empty;

    public ShardVsSize ShardVsSize { get; init; } = ShardVsSize.Large;

    public PoolServerMode ServiceType { get; init; } = PoolServerMode.ClusterIp;

    public bool DefaultIngController { get; init; } = true;

    public LabelSelectorPair NodePortSelector { get; init; } = LabelSelectorPair.None;

    public bool DefaultLbController { get; init; } = true;

    public AutoFqdnMode AutoFqdn { get; init; } = AutoFqdnMode.Default;

    public FqdnReusePolicy FqdnReusePolicy { get; init; } = FqdnReusePolicy.InterNamespaceAllowed;

    public string ControllerHost { get; init; } = string.Empty;

    public string ControllerVersion { get; init; } = string.Empty;

    public string CloudName { get; init; } = "Default-Cloud";

    public string ServiceEngineGroupName { get; init; } = "Default-Group";

    public string TenantName { get; init; } = "admin";

    /// <summary>VRF of the Avi objects and static routes; empty means <c>global</c>, as in AKO.</summary>
    public string VrfName { get; init; } = string.Empty;

    public TimeSpan FullSyncInterval { get; init; } = TimeSpan.FromMinutes(30);

    public string EffectiveVrf => string.IsNullOrEmpty(VrfName) ? "global" : VrfName;

    /// <summary>True when the namespace is handled at all: not blocked, and matching the namespace selector.</summary>
    public bool IsNamespaceHandled(string name, IReadOnlyDictionary<string, string> labels) =>
        !BlockedNamespaces.Contains(name) && NamespaceSelector.Matches(labels);
}
