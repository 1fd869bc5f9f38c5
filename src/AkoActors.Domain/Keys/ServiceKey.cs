namespace AkoActors.Domain.Keys;

/// <summary>Identity of a Kubernetes Service; the entity id of its ServiceActor. A group of Services sharing one VIP
/// (<c>ako.vmware.com/enable-shared-vip</c>) is owned under a key of its own, <see cref="ForSharedVip"/>.</summary>
public sealed record ServiceKey(string Namespace, string Name)
{
    /// <summary>Starts the name of a shared-VIP group's key: ':' is never part of a Service name, so no Service collides.</summary>
    private const string SharedVipPrefix = "shared-vip:";

    public string EntityId => $"svc/{Namespace}/{Name}";

    /// <summary>The owner of the Services in <paramref name="ns"/> annotated <c>enable-shared-vip: &lt;sharedVipKey&gt;</c>.</summary>
    public static ServiceKey ForSharedVip(string ns, string sharedVipKey) => new(ns, SharedVipPrefix + sharedVipKey);

    /// <summary>The group's annotation value when this key names a shared-VIP group; null for a Service.</summary>
    public string? SharedVipKey => Name.StartsWith(SharedVipPrefix, StringComparison.Ordinal) ? Name[SharedVipPrefix.Length..] : null;

    public override string ToString() => $"{Namespace}/{Name}";
}
