namespace AkoActors.Hosting;

/// <summary>How replicas find each other: fixed seed nodes (one machine, tests, demo) or Kubernetes pod discovery.</summary>
public abstract record ClusterFormation
{
    private ClusterFormation()
    {
    }

    /// <summary>Static seeds on loopback or known hosts; with no seeds the replica forms a cluster of its own.</summary>
    public sealed record StaticSeeds(string Hostname, int Port, IReadOnlyList<string> SeedNodes) : ClusterFormation;

    /// <summary>Akka.Management cluster bootstrap over the Kubernetes API: pods labelled <paramref name="PodLabelSelector"/>
    /// in <paramref name="Namespace"/> find each other (needs RBAC to list pods).</summary>
    public sealed record KubernetesDiscovery(string Namespace, string PodLabelSelector, int RemotingPort, int ManagementPort, int RequiredContactPoints)
        : ClusterFormation;
}
