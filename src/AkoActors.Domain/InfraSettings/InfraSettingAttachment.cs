using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.InfraSettings;

/// <summary>Which AviInfraSetting a Service or Ingress is placed with, by AKO's precedence: the Service's own
/// <c>aviinfrasetting.ako.vmware.com/name</c> annotation (L4) or its IngressClass's <c>spec.parameters</c> (L7) first,
/// else the same annotation on its Namespace. Only an Accepted setting applies; a named setting that is missing or Rejected
/// places the object with the controller's own settings, without falling back to the namespace's (AKO's rule), and says so.</summary>
public static class InfraSettingAttachment
{
    public const string NotAppliedReason = "InfraSettingNotApplied";

    /// <summary>The name the Service or its namespace asks for, and where it came from; null when neither names one.</summary>
    public static InfraSettingRequest? RequestedFor(ServiceSnapshot service, NamespaceSnapshot? ns) =>
        service.Annotations.GetValueOrDefault(AviInfraSettingSnapshot.NameAnnotation)?.Trim() is { Length: > 0 } own
            ? new InfraSettingRequest(own, $"annotation {AviInfraSettingSnapshot.NameAnnotation} on Service {service.Key}")
            : FromNamespace(ns);

    /// <summary>The name the Ingress's class or its namespace asks for; null when neither names one.</summary>
    public static InfraSettingRequest? RequestedFor(IngressClassSnapshot? ingressClass, NamespaceSnapshot? ns) =>
        IngressInfraSetting.RequestedBy(ingressClass) ?? FromNamespace(ns);

    /// <summary>The setting to place a requester with, from <paramref name="applied"/> (the settings Accepted for their spec,
    /// or, while an edit is being checked, the version Accepted before: <see cref="CustomResources.AppliedRules{TRule}"/>);
    /// when there is none, the problem to report unless the named setting is simply not decided yet.</summary>
    /// <param name="requester">"Service red/web", for the message.</param>
    public static (AviInfraSettingSnapshot? Setting, UserProblem? Problem) Resolve(
        InfraSettingRequest? request, IReadOnlyList<AviInfraSettingSnapshot> applied, IReadOnlyList<AviInfraSettingSnapshot> all, string requester)
    {
        if (request is null) return (null, null);
        if (applied.FirstOrDefault(s => s.Key.Name == request.Name) is { } setting) return (setting, null);
        var current = all.FirstOrDefault(s => s.Key.Name == request.Name);
        var why = current switch
        {
            null => $"there is no AviInfraSetting {request.Name}; create it or correct the name",
            { Status: { IsAccepted: false } rejected } => $"AviInfraSetting {request.Name} is Rejected ({rejected.Error}); fix it",
            _ => null,
        };
        return why is null
            ? (null, null)
            : (null, new UserProblem(NotAppliedReason,
                $"{requester} names AviInfraSetting {request.Name} ({request.Source}), but {why}. Until then it is placed with the controller's own settings"));
    }

    /// <summary>The Services whose placement may depend on the named setting (their own annotation or their namespace's).</summary>
    public static IEnumerable<ServiceKey> ServicesNaming(string name, IClusterState cluster) =>
        cluster.ServiceKeys().Where(key => cluster.GetService(key) is { } service &&
                                           RequestedFor(service, cluster.GetNamespace(key.Namespace))?.Name == name);

    private static InfraSettingRequest? FromNamespace(NamespaceSnapshot? ns) =>
        ns?.InfraSettingAnnotation?.Trim() is { Length: > 0 } name
            ? new InfraSettingRequest(name, $"annotation {AviInfraSettingSnapshot.NameAnnotation} on Namespace {ns.Name}") { FromNamespace = true }
            : null;
}
