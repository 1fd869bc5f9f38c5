using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Avi;

/// <summary>The Kubernetes object an Avi object says it was made for, read from its markers: the proof of ownership that
/// a name can never be (AKO's names collide: <c>a-b/c</c> and <c>a/b-c</c> are both <c>&lt;cluster&gt;--a-b-c</c>, and an
/// SNI child <c>&lt;cluster&gt;--col-web</c> is also Service <c>col/web</c>'s VS).</summary>
/// <remarks>L4 objects carry <c>Namespace</c> + <c>ServiceName</c> markers and never <c>Host</c>; the per-host objects of a
/// shared L7 VS carry <c>Host</c> (an SNI pool also names its backend Service). Objects with neither — a shared VS's own parent objects, or vsvips AKO marked with the cluster name only —
/// claim nothing, and only their tree's owner reads them by name.</remarks>
public sealed record AviClaim(AviClaimKind Kind, string Value)
{
    public static AviClaim None { get; } = new(AviClaimKind.None, string.Empty);

    public static AviClaim ForService(ServiceKey key) => new(AviClaimKind.Service, key.ToString());

    public static AviClaim ForHost(string host) => new(AviClaimKind.Host, host);

    public static AviClaim Of(AviObjectSpec spec) => Of(spec.Meta);

    public static AviClaim Of(AviObjectMeta meta)
    {
        string? Value(string key) => meta.Markers.FirstOrDefault(m => m.Key == key)?.Values.FirstOrDefault();
        // Host first: AKO marks an SNI pool with the backend's ServiceName too, yet it is the host's, not an L4 tree's.
        if (Value(AviMarker.HostKey) is { } host) return ForHost(host);
        // A shared-VIP pool names its Service too, yet it belongs to the group's tree.
        if (Value(AviMarker.GatewayNameKey) is { } group && Value(AviMarker.NamespaceKey) is { } groupNs) return ForService(ServiceKey.ForSharedVip(groupNs, group));
        if (Value(AviMarker.ServiceNameKey) is { } service && Value(AviMarker.NamespaceKey) is { } ns) return ForService(new ServiceKey(ns, service));
        return None;
    }

    /// <summary>The Service this claim names, when it names one.</summary>
    public ServiceKey? Service => Kind == AviClaimKind.Service && Value.Split('/', 2) is [var ns, var name] ? new ServiceKey(ns, name) : null;

    /// <summary>How a user reads it in an event: "Service a-b/c", "the Ingress host col-web".</summary>
    public override string ToString() => Kind switch
    {
        AviClaimKind.Service => $"Service {Value}",
        AviClaimKind.Host => $"the Ingress host {Value}",
        _ => "no Kubernetes object",
    };
}

/// <summary>What kind of Kubernetes object an <see cref="AviClaim"/> names.</summary>
public enum AviClaimKind
{
    /// <summary>The markers name no Kubernetes object.</summary>
    None,

    /// <summary>A LoadBalancer Service's L4 tree.</summary>
    Service,

    /// <summary>One Ingress host's objects on a shared L7 VS.</summary>
    Host,
}
