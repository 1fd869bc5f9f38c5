using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.InfraSettings;

/// <summary>The AviInfraSetting one tree owner places its tree with, kept across its passes: while an edit of an Accepted
/// setting is being checked, the version Accepted before stays applied (no move to the controller's own settings and back).</summary>
public sealed class AttachedInfraSetting
{
    private readonly AppliedRules<AviInfraSettingSnapshot> _applied = new();
    private string? _attached;

    /// <summary>Reason of the Normal event saying a Service (or every member of a shared-VIP group) is now placed with a setting.</summary>
    public const string AttachedReason = "InfraSettingAttached";

    /// <summary>Reason of the Normal event saying a Service is no longer placed with a setting it was placed with.</summary>
    public const string DetachedReason = "InfraSettingDetached";

    /// <summary>A Service's L4 tree placed with the setting its annotation or its namespace names.</summary>
    public TreeTranslation Place(TreeTranslation translation, ServiceSnapshot? service, IClusterState cluster, TranslationContext context) =>
        Place(translation, Resolve(service, cluster), context);

    /// <summary>The setting a Service's tree is placed with this pass (resolved once per pass: its VIP network decides the
    /// families the translator asks for, <see cref="Translation.L4.VipFamilyChoice"/>).</summary>
    /// <param name="record">Where the events go when the setting applied changes (its VIP moves with it); null for a Service
    /// this controller does not serve.</param>
    public ResolvedInfraSetting Resolve(ServiceSnapshot? service, IClusterState cluster, Action<KubeEvent>? record = null)
    {
        var all = cluster.GetAviInfraSettings();
        var applied = _applied.Resolve(all);
        if (service is null) return new ResolvedInfraSetting(null, null);
        var request = InfraSettingAttachment.RequestedFor(service, cluster.GetNamespace(service.Key.Namespace));
        var (setting, problem) = InfraSettingAttachment.Resolve(request, applied, all, $"Service {service.Key}");
        if (record is not null && setting?.Key.Name != _attached)
        {
            if (_attached is not null)
            {
                record(KubeEvent.NormalEvent(DetachedReason,
                    $"AviInfraSetting {_attached} no longer applied to Service {service.Key}: its VIP moves to {(setting is null ? "the controller's own settings" : $"AviInfraSetting {setting.Key.Name}")}"));
            }
            if (setting is not null)
            {
                record(KubeEvent.NormalEvent(AttachedReason,
                    $"AviInfraSetting {setting.Key.Name} applied to Service {service.Key}: its VS and VIP are placed with the setting's SE group and VIP network"));
            }
            _attached = setting?.Key.Name;
        }
        return new ResolvedInfraSetting(setting, problem);
    }

    /// <summary>A Service's L4 tree placed with the setting <see cref="Resolve"/> found.</summary>
    public static TreeTranslation Place(TreeTranslation translation, ResolvedInfraSetting resolved, TranslationContext context)
    {
        if (translation.Outcome != TranslationOutcome.Desired) return translation;
        var placed = InfraSettingPlacement.Apply(translation, resolved.Setting, context);
        return resolved.Problem is null ? placed : placed with { Problems = placed.Problems.Append(resolved.Problem).ToEquatableArray() };
    }
}
