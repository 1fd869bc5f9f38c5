namespace AkoActors.KubeSim.Resources;

/// <summary>
/// The resources KubeSim serves, looked up the ways URLs and objects name them. The built-in kinds are fixed; the
/// resources of CustomResourceDefinitions come and go at run time, so every read sees one consistent snapshot.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly IReadOnlyList<ResourceType> _builtIn;
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _custom = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile Snapshot _current;

    /// <summary>Creates a catalog over the given resources.</summary>
    public ResourceCatalog(IEnumerable<ResourceType> resources)
    {
        _builtIn = resources.ToList();
        _current = new Snapshot(_builtIn);
    }

    /// <summary>Every served resource, in discovery order.</summary>
    public IReadOnlyList<ResourceType> All => _current.All;

    /// <summary>Group versions in discovery order, core first.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions => _current.All.Select(r => (r.Group, r.Version)).Distinct();

    /// <summary>The resource served at a URL path segment, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) => _current.ByPath.GetValueOrDefault((group, version, plural));

    /// <summary>The resource whose objects carry this apiVersion and kind, or null.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind) => _current.ByKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The preferred resource for a group and plural (any version), or null.</summary>
    public ResourceType? FindByPlural(string group, string plural) => _current.All.FirstOrDefault(r => r.Group == group && r.Plural == plural);

    /// <summary>The resource that holds a storage in its stored form (no conversion), or null.</summary>
    public ResourceType? FindStorage(string storage) => _current.All.FirstOrDefault(r => r.Storage == storage && r.Conversion is null);

    /// <summary>Serves (or, with an empty list, stops serving) the resources a CustomResourceDefinition defines.</summary>
    public void SetCustom(string definition, IReadOnlyList<ResourceType> resources)
    {
        lock (_gate)
        {
            if (resources.Count == 0)
            {
                _custom.Remove(definition);
            }
            else
            {
                _custom[definition] = resources;
            }
            _current = new Snapshot([.. _builtIn, .. _custom.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value)]);
        }
    }

    /// <summary>Creates a catalog of the built-in kinds, for one server (custom resources are added to it at run time).</summary>
    public static ResourceCatalog CreateBuiltIn() => new(BuiltInResources);

    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<ResourceType> all)
        {
            All = all;
            foreach (var r in all)
            {
                ByPath[(r.Group, r.Version, r.Plural)] = r;
                ByKind[(r.ApiVersion, r.Kind)] = r;
            }
        }

        public IReadOnlyList<ResourceType> All { get; }

        public Dictionary<(string Group, string Version, string Plural), ResourceType> ByPath { get; } = new();

        public Dictionary<(string ApiVersion, string Kind), ResourceType> ByKind { get; } = new();
    }

    /// <summary>The resources KubeSim serves by default: what AkoActors watches, what the seed kubectl session touches and what Helm charts like AKO's install.</summary>
    private static readonly ResourceType[] BuiltInResources =
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
        new() { Group = "apps", Version = "v1", Plural = "controllerrevisions", Singular = "controllerrevision", Kind = "ControllerRevision", Namespaced = true },
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
        new() { Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Singular = "customresourcedefinition", Kind = "CustomResourceDefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], HasStatus = true, HasGeneration = true },
    ];
}
