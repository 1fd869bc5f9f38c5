namespace AkoActors.KubeSim.Admission;

/// <summary>Which strategy admits writes of which storage.</summary>
public static class StrategyCatalog
{
    private static readonly Dictionary<string, IResourceStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["namespaces"] = new NamespaceStrategy(),
        ["nodes"] = new NodeStrategy(),
        ["services"] = new ServiceStrategy(),
        ["pods"] = new PodStrategy(),
        ["secrets"] = new SecretStrategy(),
        ["configmaps"] = new ConfigMapStrategy(),
        ["events"] = new EventStrategy(),
        ["deployments.apps"] = new WorkloadStrategy("Deployment"),
        ["replicasets.apps"] = new WorkloadStrategy("ReplicaSet"),
        ["statefulsets.apps"] = new WorkloadStrategy("StatefulSet"),
        ["clusterroles.rbac.authorization.k8s.io"] = new RbacRoleStrategy(namespaced: false),
        ["roles.rbac.authorization.k8s.io"] = new RbacRoleStrategy(namespaced: true),
        ["clusterrolebindings.rbac.authorization.k8s.io"] = new RbacBindingStrategy(namespaced: false),
        ["rolebindings.rbac.authorization.k8s.io"] = new RbacBindingStrategy(namespaced: true),
        ["poddisruptionbudgets.policy"] = new PodDisruptionBudgetStrategy(),
        ["customresourcedefinitions.apiextensions.k8s.io"] = new CustomResources.CustomResourceDefinitionStrategy(),
        ["endpointslices.discovery.k8s.io"] = new EndpointSliceStrategy(),
        ["ingresses.networking.k8s.io"] = new IngressStrategy(),
        ["ingressclasses.networking.k8s.io"] = new IngressClassStrategy(),
    };

    /// <summary>The strategy for a storage (the default one when it has no special rules).</summary>
    public static IResourceStrategy For(string storage) => Strategies.GetValueOrDefault(storage) ?? DefaultStrategy.Instance;

    /// <summary>The strategy for writes through a resource: its version's schema for custom resources, else the storage's.</summary>
    public static IResourceStrategy For(Resources.ResourceType type) =>
        type.Custom is { } custom ? new CustomResources.CustomResourceStrategy(custom) : For(type.Storage);
}
