namespace AkoActors.KubeSim.Resources;

/// <summary>The resources KubeSim serves, looked up the ways URLs and objects name them.</summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceType> _byPath = new();
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _byKind = new();

    /// <summary>Creates a catalog over the given resources.</summary>
    public ResourceCatalog(IEnumerable<ResourceType> resources)
    {
        All = resources.ToList();
        foreach (var r in All)
        {
            _byPath[(r.Group, r.Version, r.Plural)] = r;
            _byKind[(r.ApiVersion, r.Kind)] = r;
        }
    }

    /// <summary>Every served resource, in discovery order.</summary>
    public IReadOnlyList<ResourceType> All { get; }

    /// <summary>Group versions in discovery order, core first.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions => All.Select(r => (r.Group, r.Version)).Distinct();

    /// <summary>The resource served at a URL path segment, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) => _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The resource whose objects carry this apiVersion and kind, or null.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The preferred resource for a group and plural (any version), or null.</summary>
    public ResourceType? FindByPlural(string group, string plural) => All.FirstOrDefault(r => r.Group == group && r.Plural == plural);

    /// <summary>The resources KubeSim serves by default: what AkoActors watches and what the seed kubectl session touches.</summary>
    public static ResourceCatalog BuiltIn { get; } = new(
    [
        new() { Group = "", Version = "v1", Plural = "namespaces", Singular = "namespace", Kind = "Namespace", Namespaced = false, ShortNames = ["ns"], HasStatus = true, ReturnsDeletedObject = true },
        new() { Group = "", Version = "v1", Plural = "nodes", Singular = "node", Kind = "Node", Namespaced = false, ShortNames = ["no"], HasStatus = true, AllowCreateOnUpdate = false },
        new() { Group = "", Version = "v1", Plural = "services", Singular = "service", Kind = "Service", Namespaced = true, ShortNames = ["svc"], Categories = ["all"], HasStatus = true, ReturnsDeletedObject = true },
        new() { Group = "", Version = "v1", Plural = "endpoints", Singular = "endpoints", Kind = "Endpoints", Namespaced = true, ShortNames = ["ep"], AllowCreateOnUpdate = true },
        new() { Group = "", Version = "v1", Plural = "pods", Singular = "pod", Kind = "Pod", Namespaced = true, ShortNames = ["po"], Categories = ["all"], HasStatus = true, ReturnsDeletedObject = true },
        new() { Group = "", Version = "v1", Plural = "secrets", Singular = "secret", Kind = "Secret", Namespaced = true },
        new() { Group = "", Version = "v1", Plural = "configmaps", Singular = "configmap", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"] },
        new() { Group = "", Version = "v1", Plural = "serviceaccounts", Singular = "serviceaccount", Kind = "ServiceAccount", Namespaced = true, ShortNames = ["sa"] },
        new() { Group = "", Version = "v1", Plural = "events", Singular = "event", Kind = "Event", Namespaced = true, ShortNames = ["ev"], AllowCreateOnUpdate = true, SharedStorage = "events" },
        new() { Group = "apps", Version = "v1", Plural = "deployments", Singular = "deployment", Kind = "Deployment", Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, HasScale = true, HasGeneration = true },
        new() { Group = "apps", Version = "v1", Plural = "replicasets", Singular = "replicaset", Kind = "ReplicaSet", Namespaced = true, ShortNames = ["rs"], Categories = ["all"], HasStatus = true, HasScale = true, HasGeneration = true },
        new() { Group = "apps", Version = "v1", Plural = "statefulsets", Singular = "statefulset", Kind = "StatefulSet", Namespaced = true, ShortNames = ["sts"], Categories = ["all"], HasStatus = true, HasScale = true, HasGeneration = true },
        new() { Group = "discovery.k8s.io", Version = "v1", Plural = "endpointslices", Singular = "endpointslice", Kind = "EndpointSlice", Namespaced = true, HasGeneration = true },
        new() { Group = "networking.k8s.io", Version = "v1", Plural = "ingresses", Singular = "ingress", Kind = "Ingress", Namespaced = true, ShortNames = ["ing"], HasStatus = true, HasGeneration = true },
        new() { Group = "networking.k8s.io", Version = "v1", Plural = "ingressclasses", Singular = "ingressclass", Kind = "IngressClass", Namespaced = false, HasGeneration = true },
        new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Singular = "event", Kind = "Event", Namespaced = true, ShortNames = ["ev"], AllowCreateOnUpdate = true, SharedStorage = "events", Conversion = new EventsV1Conversion() },
        new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Singular = "lease", Kind = "Lease", Namespaced = true, AllowCreateOnUpdate = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterroles", Singular = "clusterrole", Kind = "ClusterRole", Namespaced = false },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterrolebindings", Singular = "clusterrolebinding", Kind = "ClusterRoleBinding", Namespaced = false },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "roles", Singular = "role", Kind = "Role", Namespaced = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "rolebindings", Singular = "rolebinding", Kind = "RoleBinding", Namespaced = true },
        new() { Group = "policy", Version = "v1", Plural = "poddisruptionbudgets", Singular = "poddisruptionbudget", Kind = "PodDisruptionBudget", Namespaced = true, ShortNames = ["pdb"], HasStatus = true, HasGeneration = true },
        new() { Group = "authorization.k8s.io", Version = "v1", Plural = "selfsubjectaccessreviews", Singular = "selfsubjectaccessreview", Kind = "SelfSubjectAccessReview", Namespaced = false, ReviewOnly = true },
    ]);
}
