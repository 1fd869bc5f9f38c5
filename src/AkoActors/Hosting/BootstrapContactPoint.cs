using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Akka.Management.Dsl;
using Newtonsoft.Json;

namespace AkoActors.Hosting;

/// <summary>Serves Akka.Management cluster bootstrap's contact point (<c>GET /bootstrap/seed-nodes</c> on the pod IP and
/// management port) from this host's Kestrel instead of Akka.Management's own HTTP server.</summary>
/// <remarks>Akka.Management 1.5.73 serves HTTP through Akka.Http.Shim, built against Ceen.Httpd 0.9.9; the NuGet mirror has
/// only 0.9.10, whose <c>HttpServer.ListenAsync</c> signature differs, so <c>AkkaManagement.Start()</c> fails with
/// MissingMethodException and bootstrap never runs. Everything else of bootstrap is Akka.Management's own: Kubernetes pod
/// discovery, probing the other pods over HTTP, the lowest-address join decision. The answer here is the one
/// Akka.Management's <c>HttpClusterBootstrapRoutes</c> gives, built from its own protocol types and serializer, so replicas
/// of either kind understand each other.</remarks>
public static class BootstrapContactPoint
{
    public const string Path = "/bootstrap/seed-nodes";

    /// <summary>Tells bootstrap where this replica's contact point is (what <c>AkkaManagement.Start()</c> would have done),
    /// then starts it.</summary>
    public static async Task StartBootstrapAsync(ActorSystem system, ClusterFormation.KubernetesDiscovery discovery)
    {
        var bootstrap = ClusterBootstrap.Get(system);
        // UriBuilder brackets an IPv6 pod IP.
        var self = new UriBuilder(Uri.UriSchemeHttp, discovery.PodIp, discovery.ManagementPort).Uri;
        bootstrap.Routes(ManagementRouteProviderSettings.Create(self, readOnly: true));
        await bootstrap.Start();
    }

    /// <summary>This member and the reachable members of its cluster that may serve as seeds, as Akka.Management answers.</summary>
    public static string SeedNodesJson(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving or MemberStatus.Removed)
        {
            return JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfAddress, ImmutableList<HttpBootstrapJsonProtocol.ClusterMember>.Empty));
        }
        var state = cluster.State;
        var members = state.Members
            .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToImmutableList();
        return JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfAddress, members));
    }
}
