using AkoActors.Domain.Keys;

namespace AkoActors.Kubernetes;

/// <summary>"Look again" notices raised by the informers; they carry keys, never state, so duplicates and reordering are harmless.</summary>
public abstract record ClusterChange
{
    private ClusterChange()
    {
    }

    /// <summary>The Service itself or its EndpointSlices changed.</summary>
    public sealed record ServiceChanged(ServiceKey Key) : ClusterChange;

    public sealed record IngressChanged(IngressKey Key) : ClusterChange;

    public sealed record NodeChanged(NodeKey Key) : ClusterChange;

    public sealed record NamespaceChanged(string Name) : ClusterChange;

    public sealed record IngressClassChanged(string Name) : ClusterChange;

    public sealed record SecretChanged(string Namespace, string Name) : ClusterChange;

    /// <summary>An AKO HostRule changed (spec or status) or was deleted.</summary>
    public sealed record HostRuleChanged(HostRuleKey Key) : ClusterChange;

    /// <summary>An AKO AviInfraSetting changed (spec or status) or was deleted.</summary>
    public sealed record AviInfraSettingChanged(AviInfraSettingKey Key) : ClusterChange;

    /// <summary>An AKO HTTPRule changed (spec or status) or was deleted.</summary>
    public sealed record HttpRuleChanged(HttpRuleKey Key) : ClusterChange;

    /// <summary>An AKO L4Rule changed (spec or status) or was deleted.</summary>
    public sealed record L4RuleChanged(L4RuleKey Key) : ClusterChange;

    /// <summary>An informer finished a (re)list: everything it covers may have changed while it was not watching.</summary>
    public sealed record Resynced(string Resource) : ClusterChange;
}
