using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Answers the cloud-level questions the write path asks: the default cloud, a cloud's global VRF
/// and default SE group, its IPAM networks and its DNS domains (call under the store gate).</summary>
internal sealed class CloudDirectory(ObjectStore store)
{
    public const string DefaultCloudName = "Default-Cloud";

    public StoredObject? DefaultCloud() =>
        store.FindByName(TenantScope.AdminUuid, "cloud", DefaultCloudName).FirstOrDefault() ?? store.OfType("cloud").FirstOrDefault();

    public StoredObject? CloudOf(StoredObject? stored) =>
        stored?.CloudUuid is { } uuid && store.TryGet(uuid, out var cloud) ? cloud : null;

    /// <summary>Whether the cloud (the default one when <paramref name="cloudUuid"/> is null) is a public cloud, whose
    /// controller allocates floating IPs: AWS, Azure, GCP or OpenStack by its <c>vtype</c>.</summary>
    public bool IsPublic(string? cloudUuid)
    {
        var cloud = cloudUuid is not null && store.TryGet(cloudUuid, out var named) ? named : DefaultCloud();
        return cloud?.Document["vtype"]?.GetValue<string>() is "CLOUD_AWS" or "CLOUD_AZURE" or "CLOUD_GCP" or "CLOUD_OPENSTACK";
    }

    /// <summary>Any stored object by uuid (a cloud, a vsvip, a VRF), or null.</summary>
    public StoredObject? Find(string uuid) => store.TryGet(uuid, out var found) ? found : null;

    /// <summary>The cloud's VRF for an NSX-T tier-1 router: the one whose <c>attrs</c> hold <c>tier1path</c> = the router's
    /// path (how the controller marks the VRFs it makes per router, and how AKO finds them).</summary>
    public StoredObject? Tier1Vrf(string cloudUuid, string tier1Path) =>
        store.OfType("vrfcontext").FirstOrDefault(v => v.CloudUuid == cloudUuid && v.Document["attrs"] is JsonArray attrs &&
            attrs.OfType<JsonObject>().Any(a => a["key"]?.GetValue<string>() == "tier1path" && a["value"]?.GetValue<string>() == tier1Path));

    /// <summary>An admin object of <paramref name="typeName"/> called <paramref name="name"/> in the given cloud.</summary>
    public StoredObject? InCloud(string typeName, string name, string? cloudUuid) =>
        store.FindByName(TenantScope.AdminUuid, typeName, name).FirstOrDefault(o => cloudUuid is null || o.CloudUuid == cloudUuid || o.CloudUuid is null);

    public StoredObject? SystemObject(string typeName, string name) =>
        store.FindByName(TenantScope.AdminUuid, typeName, name).FirstOrDefault();

    /// <summary>The networks the cloud's IPAM profile may allocate from, in profile order.</summary>
    public IReadOnlyList<StoredObject> IpamNetworks(string? cloudUuid)
    {
        var profile = ProviderProfile(cloudUuid, "ipam_provider_ref");
        if (profile?.Document["internal_profile"] is not JsonObject internalProfile)
        {
            return [];
        }
        var refs = new List<string>();
        if (internalProfile["usable_networks"] is JsonArray usable)
        {
            refs.AddRange(usable.OfType<JsonObject>().Select(n => n["nw_ref"]?.GetValue<string>()).OfType<string>());
        }
        if (internalProfile["usable_network_refs"] is JsonArray usableRefs)
        {
            refs.AddRange(usableRefs.Select(n => n?.GetValue<string>()).OfType<string>());
        }
        return refs
            .Select(r => store.TryGet(ObjectRef.UuidOfCanonical(r), out var network) ? network : null)
            .OfType<StoredObject>()
            .ToList();
    }

    /// <summary>DNS sub-domains of one cloud's DNS profile, or of every cloud when <paramref name="cloudUuid"/> is null.</summary>
    public IReadOnlyList<string> DnsDomains(string? cloudUuid, out int ttl)
    {
        ttl = 30;
        var domains = new List<string>();
        var clouds = cloudUuid is null
            ? store.OfType("cloud")
            : store.TryGet(cloudUuid, out var one) ? [one] : [];
        foreach (var cloud in clouds)
        {
            var profile = ProviderProfile(cloud.Uuid, "dns_provider_ref");
            if (profile?.Document["internal_profile"] is not JsonObject internalProfile)
            {
                continue;
            }
            if (internalProfile["ttl"] is JsonValue ttlValue && ttlValue.TryGetValue<int>(out var profileTtl))
            {
                ttl = profileTtl;
            }
            if (internalProfile["dns_service_domain"] is JsonArray serviceDomains)
            {
                domains.AddRange(serviceDomains.OfType<JsonObject>()
                    .Select(d => d["domain_name"]?.GetValue<string>())
                    .OfType<string>());
            }
        }
        return domains.Distinct(StringComparer.Ordinal).ToList();
    }

    private StoredObject? ProviderProfile(string? cloudUuid, string field)
    {
        var cloud = cloudUuid is not null && store.TryGet(cloudUuid, out var c) ? c : DefaultCloud();
        return cloud?.Document[field] is JsonValue value && value.TryGetValue<string>(out var canonical) &&
               store.TryGet(ObjectRef.UuidOfCanonical(canonical), out var profile)
            ? profile
            : null;
    }
}
