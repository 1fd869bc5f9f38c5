namespace AkoActors.Domain.Settings;

/// <summary>One AKO setting under its three spellings: Helm values path, ConfigMap key, environment variable.</summary>
/// <remarks>AKO's Helm chart renders values into the ConfigMap <c>avi-k8s-config</c> and the pod reads it as
/// environment variables; keeping the three names together lets one parser serve every source.</remarks>
public sealed record AkoConfigKey(string ValuesPath, string ConfigMapKey, string EnvironmentVariable)
{
    public static IReadOnlyList<AkoConfigKey> All { get; } =
    [
        new("AKOSettings.clusterName", "clusterName", "CLUSTER_NAME"),
        new("AKOSettings.logLevel", "logLevel", "LOG_LEVEL"),
        new("AKOSettings.enableEvents", "enableEvents", "ENABLE_EVENTS"),
        new("AKOSettings.deleteConfig", "deleteConfig", "DELETE_CONFIG"),
        new("AKOSettings.disableStaticRouteSync", "disableStaticRouteSync", "DISABLE_STATIC_ROUTE_SYNC"),
        new("AKOSettings.fullSyncFrequency", "fullSyncFrequency", "FULL_SYNC_INTERVAL"),
        new("AKOSettings.layer7Only", "layer7Only", "LAYER7_ONLY"),
        new("AKOSettings.namespaceSelector.labelKey", "nsSyncLabelKey", "NAMESPACE_SYNC_LABEL_KEY"),
        new("AKOSettings.namespaceSelector.labelValue", "nsSyncLabelValue", "NAMESPACE_SYNC_LABEL_VALUE"),
        new("AKOSettings.blockedNamespaceList", "blockedNamespaceList", "BLOCKED_NS_LIST"),
        new("NetworkSettings.vipNetworkList", "vipNetworkList", "VIP_NETWORK_LIST"),
        new("NetworkSettings.nodeNetworkList", "nodeNetworkList", "NODE_NETWORK_LIST"),
        new("NetworkSettings.defaultDomain", "defaultDomain", "DEFAULT_DOMAIN"),
        new("L7Settings.shardVSSize", "shardVSSize", "SHARD_VS_SIZE"),
        new("L7Settings.serviceType", "serviceType", "SERVICE_TYPE"),
        new("L7Settings.defaultIngController", "defaultIngController", "DEFAULT_ING_CONTROLLER"),
        new("L7Settings.fqdnReusePolicy", "fqdnReusePolicy", "FQDN_REUSE_POLICY"),
        new("nodePortSelector.key", "nodeKey", "NODE_KEY"),
        new("nodePortSelector.value", "nodeValue", "NODE_VALUE"),
        new("L4Settings.defaultLBController", "defaultLBController", "DEFAULT_LB_CONTROLLER"),
        new("L4Settings.autoFQDN", "autoFQDN", "AUTO_L4_FQDN"),
        new("ControllerSettings.controllerHost", "controllerIP", "CTRL_IPADDRESS"),
        new("ControllerSettings.controllerVersion", "controllerVersion", "CTRL_VERSION"),
        new("ControllerSettings.cloudName", "cloudName", "CLOUD_NAME"),
        new("ControllerSettings.serviceEngineGroupName", "serviceEngineGroupName", "SEG_NAME"),
        new("ControllerSettings.tenantName", "tenantName", "TENANT_NAME"),
        new("ControllerSettings.vrfName", "vrfName", "VRF_NAME"),
    ];

    /// <summary>AKO 1.3 values (the seed article's) named the VIP network with three flat keys; still accepted.</summary>
    public static IReadOnlyList<AkoConfigKey> LegacyVipNetwork { get; } =
    [
        new("NetworkSettings.networkName", "networkName", "NETWORK_NAME"),
        new("NetworkSettings.subnetIP", "subnetIP", "SUBNET_IP"),
        new("NetworkSettings.subnetPrefix", "subnetPrefix", "SUBNET_PREFIX"),
    ];
}
