using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Fills the refs a controller defaults when a body leaves them out: the default cloud, that cloud's
/// <c>global</c> VRF, <c>Default-Group</c> and the usual System-* profiles. A vsvip or pool on an NSX-T tier-1 router
/// (<c>tier1_lr</c>) gets that router's VRF instead (the VRF whose <c>attrs</c> hold <c>tier1path</c> = the router, as AKO
/// finds it), a VS its vsvip's VRF and an SNI child its parent's. VSes and pools that name no analytics profile get the
/// controller's (its recorded objects all carry one).</summary>
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
                SetIfMissing(document, "vrf_context_ref", VrfOf(document, "vsvip_ref") ?? VrfOf(document, "vh_parent_vs_ref") ?? clouds.InCloud("vrfcontext", "global", cloudUuid));
                SetIfMissing(document, "se_group_ref", clouds.InCloud("serviceenginegroup", "Default-Group", cloudUuid));
                SetIfMissing(document, "application_profile_ref", clouds.SystemObject("applicationprofile", "System-HTTP"));
                SetIfMissing(document, "network_profile_ref", clouds.SystemObject("networkprofile", "System-TCP-Proxy"));
                SetIfMissing(document, "analytics_profile_ref", clouds.SystemObject("analyticsprofile", AnalyticsProfile));
                break;
            case "vsvip":
                SetTier1Vrf(document, "vrf_context_ref", cloudUuid);
                SetIfMissing(document, "vrf_context_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                break;
            case "network":
                SetIfMissing(document, "vrf_context_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                break;
            case "pool":
                SetTier1Vrf(document, "vrf_ref", cloudUuid);
                SetIfMissing(document, "vrf_ref", clouds.InCloud("vrfcontext", "global", cloudUuid));
                SetIfMissing(document, "analytics_profile_ref", clouds.SystemObject("analyticsprofile", AnalyticsProfile));
                break;
        }
    }

    /// <summary>The VRF of the body's <c>tier1_lr</c>, refused when the cloud is not NSX-T, no VRF of the cloud is that
    /// router's, or the body names another VRF.</summary>
    private void SetTier1Vrf(JsonObject document, string field, string? cloudUuid)
    {
        if (document["tier1_lr"] is null)
        {
            return;
        }
        if (document["tier1_lr"] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            throw AviRequestException.BadRequest("Field 'tier1_lr' must be a string");
        }
        var tier1 = value.GetValue<string>();
        var cloud = cloudUuid is not null && clouds.Find(cloudUuid) is { } found ? found : clouds.DefaultCloud();
        if (cloud?.Document["vtype"]?.GetValue<string>() != "CLOUD_NSXT")
        {
            throw AviRequestException.BadRequest($"tier1_lr {tier1} is only supported in an NSX-T cloud; cloud {cloud?.Name} is not one");
        }
        var vrf = clouds.Tier1Vrf(cloud.Uuid, tier1)
                  ?? throw AviRequestException.BadRequest($"Tier1 logical router {tier1} is not configured in cloud {cloud.Name}");
        if (document[field] is JsonValue given && ObjectRef.UuidOfCanonical(given.GetValue<string>()) != vrf.Uuid)
        {
            throw AviRequestException.BadRequest($"Field '{field}' must be the VRF of tier1_lr {tier1} ({vrf.Name})");
        }
        document[field] = ObjectRef.Canonical("vrfcontext", vrf.Uuid);
    }

    /// <summary>The VRF of the VS's vsvip, or of an SNI child's parent: a VS lives in its VIP's routing domain.</summary>
    private StoredObject? VrfOf(JsonObject document, string field) =>
        document[field] is JsonValue reference && clouds.Find(ObjectRef.UuidOfCanonical(reference.GetValue<string>())) is { } referred &&
        referred.Document["vrf_context_ref"] is JsonValue vrfRef
            ? clouds.Find(ObjectRef.UuidOfCanonical(vrfRef.GetValue<string>()))
            : null;

    private static void SetIfMissing(JsonObject document, string field, StoredObject? target)
    {
        if (document[field] is null && target is not null)
        {
            document[field] = ObjectRef.Canonical(target.Type.Name, target.Uuid);
        }
    }
}
