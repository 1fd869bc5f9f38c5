using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Fills the refs a controller defaults when a body leaves them out: the default cloud, that cloud's
/// <c>global</c> VRF, <c>Default-Group</c> and the usual System-* profiles (the analytics profile on VSes and pools too).</summary>
internal sealed class DefaultRefs(CloudDirectory clouds)
{
    private static readonly HashSet<string> CloudDefaulted = new(StringComparer.Ordinal)
    {
        "virtualservice", "vsvip", "pool", "poolgroup", "network", "serviceenginegroup", "vrfcontext",
    };

    /// <summary>What a controller puts in every VS and pool that names no analytics profile (its recorded objects show it).</summary>
    private const string AnalyticsProfile = "System-Analytics-Profile";

    public void Apply(AviObjectType type, JsonObject document)
    {
        if (!CloudDefaulted.Contains(type.Name))
        {
            return;
        }
        if (document["cloud_ref"] is null && clouds.DefaultCloud() is { } cloud)
        {
            document["cloud_ref"] = ObjectRef.Canonical("cloud", cloud.Uuid);
        }
        var cloudUuid = document["cloud_ref"] is JsonValue c ? ObjectRef.UuidOfCanonical(c.GetValue<string>()) : null;
        switch (type.Name)
        {
            case "virtualservice":
                SetIfMissing(document, "vrf_context_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                SetIfMissing(document, "se_group_ref", clouds.InCloud("serviceenginegroup", "Default-Group", cloudUuid));
                SetIfMissing(document, "application_profile_ref", clouds.SystemObject("applicationprofile", "System-HTTP"));
                SetIfMissing(document, "network_profile_ref", clouds.SystemObject("networkprofile", "System-TCP-Proxy"));
                SetIfMissing(document, "analytics_profile_ref", clouds.SystemObject("analyticsprofile", AnalyticsProfile));
                break;
            case "vsvip":
            case "network":
                SetIfMissing(document, "vrf_context_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                break;
            case "pool":
                SetIfMissing(document, "vrf_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                SetIfMissing(document, "analytics_profile_ref", clouds.SystemObject("analyticsprofile", AnalyticsProfile));
                break;
        }
    }

    private static void SetIfMissing(JsonObject document, string field, StoredObject? target)
    {
        if (document[field] is null && target is not null)
        {
            document[field] = ObjectRef.Canonical(target.Type.Name, target.Uuid);
        }
    }
}
