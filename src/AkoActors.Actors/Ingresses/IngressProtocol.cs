using AkoActors.Actors.Serialization;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Actors.Ingresses;

/// <summary>Messages to the <see cref="IngressActor"/> of one Ingress.</summary>
public static class IngressProtocol
{
    /// <summary>Routes a message to the Ingress's entity (entity id <c>ing/&lt;ns&gt;/&lt;name&gt;</c>).</summary>
    public interface IIngressMessage
    {
        IngressKey Key { get; }
    }

    /// <summary>The Ingress, a backend Service, its endpoints, a TLS Secret, the IngressClass or the namespace changed.</summary>
    public sealed record Reconcile(IngressKey Key) : IIngressMessage, ICrossReplicaMessage
    {
        /// <summary>As <c>ServiceProtocol.Reconcile.OnlyStart</c>: start the owner if it is not running, else nothing.</summary>
        public bool? OnlyStart { get; init; }
    }

    /// <summary>A shared VS has taken this Ingress's retraction in (its tree drops the Ingress's hosts from now on).</summary>
    public sealed record Retracted(IngressKey Key, string VirtualService) : IIngressMessage, ICrossReplicaMessage
    {
        public string? Tenant { get; init; }
    }

    /// <summary>A shared VS reports what it made of this Ingress's contribution: its VIP, the hosts it serves, and problems.</summary>
    /// <param name="Stamp">The stamp of the contribution the VS holds; null when it rebuilt it from its own cache.</param>
    /// <param name="HostVirtualServices">The uuid of the VS that serves each served host (its SNI child for a TLS host), for
    /// AKO's <c>host-fqdn-vs-uuid-map</c> annotation; null when none is known (and from a replica of a version before it),
    /// so a status without it is on the wire exactly as version 1 wrote it.</param>
    public sealed record ShardStatus(
        IngressKey Key, string VirtualService, string? Vip, ShardVerdict Verdict, string? Stamp,
        EquatableArray<HostVirtualService>? HostVirtualServices = null) : IIngressMessage, ICrossReplicaMessage
    {
        /// <summary>The Avi tenant of the shared VS; absent (from a replica that predates tenants) means ControllerSettings.tenantName.</summary>
        public string? Tenant { get; init; }

        /// <summary>Every address the shared vsvip shows, in its order (floating IPs, else each entry's IPv4 VIP, then the
        /// IPv6 VIP); <see cref="Vip"/> stays the first of them, which a replica that predates this field shows alone.
        /// Absent from such a replica: then <see cref="Vip"/> is the only one.</summary>
        public EquatableArray<string>? Vips { get; init; }

        /// <summary>The addresses the Ingress shows for each served host (a method: computed, never on the wire).</summary>
        public IReadOnlyList<string> Addresses() => Vips is { IsEmpty: false } vips ? vips : Vip is { } vip ? [vip] : [];
    }

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
