using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.InfraSettings;

/// <summary>Which AviInfraSetting places an Ingress's hosts, as AKO's getL7IngressInfraSetting: the one its IngressClass's
/// <c>spec.parameters</c> names (<c>apiGroup: ako.vmware.com, kind: AviInfraSetting</c>). Its shared VSes are named after it
/// and it decides their number (<c>spec.l7Settings.shardSize</c>, else shardVSSize).</summary>
/// <remarks>A setting Accepted for its current spec places the hosts; while a setting is being checked (new, or edited) the
/// hosts stay where they are, so they never move on a spec not yet found valid, nor to a VS whose owner cannot place it yet;
/// a missing or Rejected one places them
/// on the controller's own shared VSes with an <c>InfraSettingNotApplied</c> Warning, as for LoadBalancer Services (AKO keeps
/// a Rejected setting's hosts where they were and removes a missing one's: neither tells the user).</remarks>
public static class IngressInfraSetting
{
    /// <summary>The setting the class names; null when it names none (AKO: a class without AKO's parameters is the
    /// controller's own settings, the Namespace annotation is not read for Ingresses here).</summary>
    public static InfraSettingRequest? RequestedBy(IngressClassSnapshot? ingressClass) =>
        ingressClass is { ParametersKind: AviInfraSettingSnapshot.ParametersKind, ParametersName: { Length: > 0 } name } &&
        ingressClass.ParametersApiGroup is null or "ako.vmware.com"
            ? new InfraSettingRequest(name, $"spec.parameters of IngressClass {ingressClass.Name}")
            : null;

    /// <summary>The setting that places the requester (null: the controller's own), whether the decision waits for the
    /// setting's first admission, and the problem to report.</summary>
    public static (AviInfraSettingSnapshot? Setting, bool Waiting, UserProblem? Problem) Resolve(
        InfraSettingRequest? request, IClusterState cluster, string requester)
    {
        if (request is null) return (null, false, null);
        var all = cluster.GetAviInfraSettings();
        var accepted = all.Where(s => s.IsEffective).ToList();
        var (setting, problem) = InfraSettingAttachment.Resolve(request, accepted, all, requester);
        return (setting, setting is null && problem is null, problem);
    }

    /// <summary>The shard size the setting asks for (LARGE, MEDIUM, SMALL, DEDICATED), else the controller's shardVSSize.</summary>
    public static ShardVsSize SizeOf(AviInfraSettingSnapshot? setting, AkoSettings settings) =>
        setting?.ShardSize?.Trim().ToUpperInvariant() switch
        {
            "LARGE" => ShardVsSize.Large,
            "MEDIUM" => ShardVsSize.Medium,
            "SMALL" => ShardVsSize.Small,
            "DEDICATED" => ShardVsSize.Dedicated,
            _ => settings.ShardVsSize,
        };

    /// <summary>The family of shared VSes the setting's Ingresses go to; null when its size is DEDICATED (not implemented).</summary>
    public static SharedVsFamily? FamilyOf(AviInfraSettingSnapshot? setting, AkoSettings settings) =>
        SizeOf(setting, settings) is var size && size == ShardVsSize.Dedicated ? null : new SharedVsFamily(setting?.Key.Name, size.ShardCount());

    /// <summary>Every shared VS family an Ingress of this cluster may use now: the controller's own and those of the Accepted
    /// settings an IngressClass of ours names.</summary>
    public static IEnumerable<SharedVsFamily> Families(IClusterState cluster, AkoSettings settings)
    {
        if (FamilyOf(null, settings) is { } own) yield return own;
        var named = cluster.GetIngressClasses().Where(c => c.Controller == IngressClassSnapshot.AviController)
            .Select(c => RequestedBy(c)?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var setting in cluster.GetAviInfraSettings().Where(s => named.Contains(s.Key.Name) && s.Status?.IsAccepted == true))
        {
            if (FamilyOf(setting, settings) is { } family) yield return family;
        }
    }
}
