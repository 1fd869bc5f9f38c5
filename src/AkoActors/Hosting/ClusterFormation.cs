namespace AkoActors.Hosting;

/// <summary>How replicas find each other: fixed seed nodes (one machine, tests, demo) or Kubernetes pod discovery.</summary>
public abstract record ClusterFormation
{
    private ClusterFormation()
    {
    }

    /// <summary>Static seeds on loopback or known hosts; with no seeds the replica forms a cluster of its own.</summary>
    /// <param name="PublicPort">The port other replicas reach this one at, when it is not <paramref name="Port"/>: a
    /// proxy in front of remoting (the simulation testkit partitions replicas by cutting such proxies). Null = Port.</param>
    public sealed record StaticSeeds(string Hostname, int Port, IReadOnlyList<string> SeedNodes, int? PublicPort = null) : ClusterFormation;

    /// <summary>Akka.Management cluster bootstrap over the Kubernetes API: pods labelled <paramref name="PodLabelSelector"/>
    /// in <paramref name="Namespace"/> find each other (listed with the replica's own Kubernetes client; needs RBAC to list
    /// pods) and meet on their pod IPs.</summary>
    /// <param name="PodIp">This pod's IP (downward API <c>status.podIP</c>): remoting and management bind to it and other
    /// replicas reach this one there; a host name would not resolve from other pods of a Deployment.</param>
    /// <param name="RemotingPort">Akka.Remote's port, the same in every pod.</param>
    /// <param name="ManagementPort">Akka.Management's HTTP port (bootstrap probes), the same in every pod.</param>
    /// <param name="RequiredContactPoints">Pods that must be found before the lowest-addressed one may form a new cluster
    /// when none exists; 1 lets a single replica start. Bootstrap still contacts every pod it lists first, so replicas
    /// started together form one cluster.</param>
    public sealed record KubernetesDiscovery(
        string Namespace,
        string PodLabelSelector,
        string PodIp,
        int RemotingPort,
        int ManagementPort,
        int RequiredContactPoints)
        : ClusterFormation;
}
