using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.InfraSettings;

/// <summary>The AviInfraSetting a Service's tree is placed with in one pass (null: the controller's own settings), and the
/// Warning when the one it names cannot be applied.</summary>
public sealed record ResolvedInfraSetting(AviInfraSettingSnapshot? Setting, UserProblem? Problem)
{
    /// <summary>The VIP network the setting gives (its first, as AKO outside AWS/Azure); null for the controller's own.</summary>
    public VipNetwork? VipNetwork => Setting?.VipNetworks.FirstOrDefault();
}
