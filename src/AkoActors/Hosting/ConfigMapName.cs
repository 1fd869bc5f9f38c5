namespace AkoActors.Hosting;

/// <summary>Namespace and name of a ConfigMap.</summary>
public sealed record ConfigMapName(string Namespace, string Name)
{
    /// <summary>AKO's settings ConfigMap in the namespace the controller runs in.</summary>
    public static ConfigMapName AkoConfig(string ns) => new(ns, "avi-k8s-config");
}
