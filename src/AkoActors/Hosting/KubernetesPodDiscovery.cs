using System.Net;
using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Discovery;
using Akka.Event;
using k8s;

namespace AkoActors.Hosting;

/// <summary>Akka.Discovery over the Kubernetes API: the contact points of cluster bootstrap are the Running, not
/// terminating pods that match a label selector in one namespace, at their pod IPs — listed through this replica's own
/// Kubernetes client (the kubeconfig or in-cluster service account the informers use).</summary>
/// <remarks>Does what Akka.Discovery.KubernetesApi does with <c>use-raw-ip = true</c>. That package (1.5.73, the only
/// version on the NuGet mirror) is built against KubernetesClient 17 and fails with MissingMethodException on the
/// KubernetesClient 21 this controller uses, and it reads the API address, token and CA from fixed pod paths, where this
/// one uses the same connection as the rest of the replica.</remarks>
public sealed class KubernetesPodDiscovery : ServiceDiscovery
{
    /// <summary>The <c>akka.discovery</c> method name this class is registered under.</summary>
    public const string Method = "ako-kubernetes-pods";

    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _labelSelector;
    private readonly ILoggingAdapter _log;

    public KubernetesPodDiscovery(ExtendedActorSystem system)
    {
        var config = system.Settings.Config.GetConfig($"akka.discovery.{Method}");
        _namespace = config.GetString("pod-namespace");
        _labelSelector = config.GetString("pod-label-selector");
        _client = DependencyResolver.For(system).Resolver.GetService<IKubernetes>();
        _log = Logging.GetLogger(system, this);
    }

    public override async Task<Resolved> Lookup(Lookup lookup, TimeSpan resolveTimeout)
    {
        using var timeout = new CancellationTokenSource(resolveTimeout);
        var pods = await _client.CoreV1.ListNamespacedPodAsync(_namespace, labelSelector: _labelSelector, cancellationToken: timeout.Token);
        var targets = pods.Items
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running" && IPAddress.TryParse(p.Status.PodIP, out _))
            .Select(p => new ResolvedTarget(p.Status.PodIP, null, IPAddress.Parse(p.Status.PodIP)))
            .ToList();
        if (targets.Count == 0)
        {
            _log.Warning("No running pod with an IP matches {LabelSelector} in namespace {Namespace}; check the Deployment's pod labels and the RBAC to list pods",
                _labelSelector, _namespace);
        }
        return new Resolved(lookup.ServiceName, targets);
    }

    /// <summary>The HOCON that selects this discovery for bootstrap.</summary>
    public static string Hocon(ClusterFormation.KubernetesDiscovery discovery) => $$"""
        akka.discovery {
          method = {{Method}}
          {{Method}} {
            class = "{{typeof(KubernetesPodDiscovery).AssemblyQualifiedName}}"
            pod-namespace = "{{discovery.Namespace}}"
            pod-label-selector = "{{discovery.PodLabelSelector}}"
          }
        }
        """;
}
