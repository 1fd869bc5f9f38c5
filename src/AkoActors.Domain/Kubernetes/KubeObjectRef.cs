namespace AkoActors.Domain.Kubernetes;

/// <summary>Names a Kubernetes object for status writes and events (an event's involvedObject).</summary>
public sealed record KubeObjectRef(string Kind, string ApiVersion, string? Namespace, string Name, string? Uid = null)
{
    public static KubeObjectRef Service(Keys.ServiceKey key, string? uid = null) => new("Service", "v1", key.Namespace, key.Name, uid);

    public static KubeObjectRef Ingress(Keys.IngressKey key, string? uid = null) => new("Ingress", "networking.k8s.io/v1", key.Namespace, key.Name, uid);

    public static KubeObjectRef HostRule(Keys.HostRuleKey key, string? uid = null) => new("HostRule", "ako.vmware.com/v1beta1", key.Namespace, key.Name, uid);

    public static KubeObjectRef Lease(string ns, string name) => new("Lease", "coordination.k8s.io/v1", ns, name);

    public static KubeObjectRef ConfigMap(string ns, string name) => new("ConfigMap", "v1", ns, name);

    public static KubeObjectRef Pod(string ns, string name) => new("Pod", "v1", ns, name);

    public static KubeObjectRef Node(Keys.NodeKey key, string? uid = null) => new("Node", "v1", null, key.Name, uid);

    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
