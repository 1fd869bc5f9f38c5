using AkoActors.Testing.Cluster;
using System.Collections.Concurrent;
using Akka.Actor;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>Records status patches, AKO annotation patches and events, tells a probe about each, and can be told to fail status writes.</summary>
/// <param name="eventProbe">Where events are told; the status probe when null.</param>
public sealed class RecordingKubernetesWriter(IActorRef probe, InMemoryClusterState? cluster = null, IActorRef? eventProbe = null) : IKubernetesWriter
{
    public ConcurrentQueue<(KubeObjectRef Target, IReadOnlyList<LoadBalancerIngressStatus> Ingress)> Patches { get; } = new();

    public ConcurrentQueue<(KubeObjectRef Target, KubeEvent Event)> Events { get; } = new();

    public Exception? FailPatchesWith { get; set; }

    public Task PatchLoadBalancerStatusAsync(KubeObjectRef target, IReadOnlyList<LoadBalancerIngressStatus> ingress, CancellationToken cancellationToken)
    {
        if (FailPatchesWith is { } failure) return Task.FromException(failure);
        Patches.Enqueue((target, ingress));
        // Like the API server: the patched status is what the next read of the Service shows.
        if (cluster is not null && target.Kind == "Service")
        {
            var key = new Domain.Keys.ServiceKey(target.Namespace!, target.Name);
            if (cluster.Services.TryGetValue(key, out var service))
            {
                cluster.Services[key] = service with { Status = new Domain.Collections.EquatableArray<LoadBalancerIngressStatus>(ingress) };
            }
        }
        probe.Tell(new StatusPatched(target, ingress));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(KubeObjectRef Target, AkoVsAnnotations Annotations)> AnnotationPatches { get; } = new();

    public Task PatchAkoAnnotationsAsync(KubeObjectRef target, AkoVsAnnotations annotations, CancellationToken cancellationToken)
    {
        AnnotationPatches.Enqueue((target, annotations));
        return Task.CompletedTask;
    }

    public Task RecordEventAsync(KubeObjectRef target, KubeEvent kubeEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue((target, kubeEvent));
        (eventProbe ?? probe).Tell(new EventRecorded(target, kubeEvent));
        return Task.CompletedTask;
    }

    public sealed record StatusPatched(KubeObjectRef Target, IReadOnlyList<LoadBalancerIngressStatus> Ingress);

    public sealed record EventRecorded(KubeObjectRef Target, KubeEvent Event);
}
