namespace AkoActors.Domain.Settings;

/// <summary>An AKO setting this controller does not apply: the values that change nothing (AKO's defaults), and what
/// happens instead when another value is set.</summary>
/// <param name="NeutralValues">Values meaning "feature off" (compared case-insensitively; empty always counts as neutral).</param>
/// <param name="Blocking">True when ignoring the key would change object names or the data path: such a value stops the start.</param>
public sealed record UnsupportedAkoSetting(AkoConfigKey Key, IReadOnlyList<string> NeutralValues, string Instead, bool Blocking = false)
{
    /// <summary>Every key of AKO's values.yaml (helm/ako/values.yaml, docs/values.md) that reaches its ConfigMap and that
    /// this controller does not apply. Chart-only keys (image, resources, replicaCount, persistentVolumeClaim...) shape
    /// the Deployment, which deploy/ako-actors.yaml replaces.</summary>
    public static IReadOnlyList<UnsupportedAkoSetting> All { get; } =
    [
        new(new("AKOSettings.primaryInstance", "primaryInstance", "PRIMARY_AKO_FLAG"), ["true"],
            "several AKO instances per cluster are not supported: every AkoActors replica is active and owns this cluster's objects; run AkoActors as the only instance, or keep AKO", Blocking: true),
        new(new("AKOSettings.enableEVH", "enableEVH", "ENABLE_EVH"), ["false"],
            "the Enhanced Virtual Hosting model (other VS names and types) is not implemented; Ingresses would be served by the SNI model under different names. Set enableEVH: false, or keep AKO", Blocking: true),
        new(new("AKOSettings.vipPerNamespace", "vipPerNamespace", "VIP_PER_NAMESPACE"), ["false"],
            "one parent VS per namespace (EVH only) is not implemented; Ingresses would share the hash-sharded VSes and their VIPs. Set vipPerNamespace: false, or keep AKO", Blocking: true),
        // calico, antrea, ovn-kubernetes and cilium are applied as AKO reads them (Routes.CniPlugins); openshift and ncp are not.
        new(new("AKOSettings.cniPlugin", "cniPlugin", "CNI_PLUGIN"), ["", "flannel", "canal", "calico", "antrea", "ovn-kubernetes", "cilium"],
            "pod CIDRs for static routes come from the Node annotation ako.vmware.com/pod-cidrs or spec.podCIDRs, not from this CNI's own objects; annotate the Nodes, or set disableStaticRouteSync if the pods are routable"),
        new(new("AKOSettings.apiServerPort", "apiServerPort", "AKO_API_PORT"), ["8080"],
            "health and metrics are served on the --http-port option (/healthz, /readyz, /metrics)"),
        new(new("AKOSettings.servicesAPI", "servicesAPI", "SERVICES_API"), ["false"],
            "Gateway / Services API objects are not watched; only Services of type LoadBalancer and Ingresses are served"),
        new(new("AKOSettings.istioEnabled", "istioEnabled", "ISTIO_ENABLED"), ["false"],
            "no Istio certificates are fetched; pools reach the pods directly"),
        new(new("AKOSettings.ipFamily", "ipFamily", "IP_FAMILY"), ["", "V4"],
            "pools and VIPs are IPv4"),
        new(new("AKOSettings.useDefaultSecretsOnly", "useDefaultSecretsOnly", "USE_DEFAULT_SECRETS_ONLY"), ["false"],
            "TLS Secrets are read from each Ingress's own namespace"),
        new(new("AKOSettings.vpcMode", "vpcMode", "VPC_MODE"), ["false"],
            "NSX-T VPC mode is not supported; the cloud's VRF (vrfName) is used"),
        new(new("NetworkSettings.enableRHI", "enableRHI", "ENABLE_RHI"), ["false"],
            "VIPs are not advertised over BGP (no enable_rhi on the VSes)"),
        new(new("NetworkSettings.nsxtT1LR", "nsxtT1LR", "NSXT_T1_LR"), [""],
            "no NSX-T T1 router is set on the objects; the cloud's VRF (vrfName) is used"),
        new(new("NetworkSettings.bgpPeerLabels", "bgpPeerLabels", "BGP_PEER_LABELS"), ["[]", "null"],
            "no BGP peer labels are written on vsvips"),
        new(new("L7Settings.noPGForSNI", "noPGForSNI", "NO_PG_FOR_SNI"), ["false"],
            "SNI children keep one pool group per path"),
        new(new("L7Settings.passthroughShardSize", "passthroughShardSize", "PASSTHROUGH_SHARD_SIZE"), ["SMALL"],
            "passthrough Ingresses are not served, so no passthrough VS is made"),
        new(new("L7Settings.enableMCI", "enableMCI", "MCI_ENABLED"), ["false"],
            "MultiClusterIngress objects are not watched"),
        new(new("ControllerSettings.dedicatedTenantMode", "dedicatedTenantMode", "DEDICATED_TENANT_MODE"), ["false"],
            "objects are read in tenantName as usual"),
        new(new("featureGates.EnablePrometheus", "enablePrometheus", "PROMETHEUS_ENABLED"), ["false"],
            "/metrics is always served on --http-port"),
        new(new("featureGates.GatewayAPI", "enableGatewayAPI", "ENABLE_GATEWAY_API"), ["false"],
            "Gateway API objects are not watched"),
        new(new("AKOSettings.enableEndpointSlice", "enableEndpointSlice", "ENDPOINTSLICES_ENABLED"), ["true"],
            "EndpointSlices are always used (the Endpoints API is not read)"),
    ];
}
