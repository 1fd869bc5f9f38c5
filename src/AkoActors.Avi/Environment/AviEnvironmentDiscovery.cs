using AkoActors.Avi.Codec;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Avi.Environment;

/// <summary>Checks, before anything is synced, that the cloud, SE group, VIP network and (where pools get them) node
/// networks the settings name exist, and reads the cloud's type and the DNS sub-domains for automatic FQDNs.</summary>
/// <remarks>A missing object is reported with the setting that names it, so the message tells the user what to fix.</remarks>
public static class AviEnvironmentDiscovery
{
    public static async Task<AviEnvironment> DiscoverAsync(AviRestClient rest, AkoSettings settings, CancellationToken cancellationToken)
    {
        var context = new AviCallContext(settings.TenantName, "discovery");
        var cloud = await FindAsync(rest, "cloud", settings.CloudName, "ControllerSettings.cloudName", context, cancellationToken).ConfigureAwait(false);
        var seGroup = await FindAsync(rest, "serviceenginegroup", settings.ServiceEngineGroupName, "ControllerSettings.serviceEngineGroupName", context, cancellationToken)
            .ConfigureAwait(false);
        if (!settings.DisableStaticRouteSync && settings.ServiceType == PoolServerMode.ClusterIp)
        {
            await LabelSeGroupAsync(rest, seGroup, settings, context, cancellationToken).ConfigureAwait(false);
        }
        // As AKO on every cloud but the public ones: the first entry is the VIP network.
        if (settings.VipNetworks.FirstOrDefault() is { } vipNetwork)
        {
            await FindNetworkAsync(rest, vipNetwork.Network, "NetworkSettings.vipNetworkList", context, cancellationToken).ConfigureAwait(false);
        }
        var cloudType = CloudTypeOf(cloud);
        // As AKO (lib.IsValidV6Config): a v6cidr on a cloud without IPv6 VIPs is refused at start, nothing synced.
        if (!cloudType.AllowsIpv6Vips && settings.VipNetworks.FirstOrDefault(n => n.V6Cidr is not null) is { } v6)
        {
            throw new AviApiException(new AviError(AviErrorKind.Rejected, 400,
                $"NetworkSettings.vipNetworkList gives network {v6} a v6cidr ({v6.V6Cidr}), and cloud '{settings.CloudName}' is {cloudType}; " +
                "IPv6 VIPs are supported on vCenter, NSX-T and no-access clouds only (as in AKO, which disables sync): remove v6cidr from " +
                "vipNetworkList, or name such a cloud in ControllerSettings.cloudName"), "GET", "cloud");
        }
        // As AKO (checkNodeNetwork): checked only where pools get them; a network that is not there stops the start.
        if (cloudType.AllowsPoolPlacementNetworks)
        {
            foreach (var network in settings.NodeNetworks.Select(n => n.Network).Distinct())
            {
                await FindNetworkAsync(rest, network, "NetworkSettings.nodeNetworkList", context, cancellationToken).ConfigureAwait(false);
            }
        }
        var cloudUuid = JsonRead.String(cloud, "uuid") ?? string.Empty;
        var domains = EquatableArray<string>.Empty;
        try
        {
            var list = await rest.GetPathAsync($"api/ipamdnsproviderprofiledomainlist?cloud_uuid={Uri.EscapeDataString(cloudUuid)}", context, cancellationToken)
                .ConfigureAwait(false);
            domains = JsonRead.Strings(list["domains"]).ToEquatableArray();
        }
        catch (AviApiException exception) when (exception.Error.Kind is AviErrorKind.NotFound or AviErrorKind.Rejected)
        {
            // A cloud without a DNS profile serves no sub-domains: automatic FQDNs are simply off.
        }
        return new AviEnvironment(rest.Connection.ApiVersion, cloudUuid, domains, await LicenseTierAsync(rest, context, cancellationToken).ConfigureAwait(false),
            await ClusterUuidAsync(rest, context, cancellationToken).ConfigureAwait(false), cloudType);
    }

    /// <summary>The cloud's <c>vtype</c> and, on NSX-T, its data network's transport zone type (what AKO reads in checkAndSetCloudType).</summary>
    private static AviCloudType CloudTypeOf(System.Text.Json.Nodes.JsonObject cloud) =>
        new(JsonRead.String(cloud, "vtype") ?? string.Empty, JsonRead.String(cloud["nsxt_configuration"]?["data_network_config"]?["tz_type"]));

    /// <summary>A network a setting names, by uuid when the setting gives one, else by name; a missing one names the setting.</summary>
    private static Task FindNetworkAsync(AviRestClient rest, AviNetworkRef network, string setting, AviCallContext context, CancellationToken cancellationToken) =>
        network.Uuid is { } uuid
            ? FindByUuidAsync(rest, AviObjectTypes.Network, uuid, setting, context, cancellationToken)
            : FindAsync(rest, AviObjectTypes.Network, network.Name, setting, context, cancellationToken);

    /// <summary>The uuid AKO reads from <c>/api/cluster</c> for the <c>controller-cluster-uuid</c> annotation; null when unreadable.</summary>
    private static async Task<string?> ClusterUuidAsync(AviRestClient rest, AviCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            return JsonRead.String(await rest.GetPathAsync("api/cluster", context, cancellationToken).ConfigureAwait(false), "uuid");
        }
        catch (AviApiException exception) when (exception.Error.Kind is AviErrorKind.NotFound or AviErrorKind.Rejected)
        {
            return null;
        }
    }

    /// <summary>The licence tier AKO reads at start to choose L4 network profiles; null (as AKO's empty value) when unreadable.</summary>
    private static async Task<string?> LicenseTierAsync(AviRestClient rest, AviCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await rest.GetPathAsync("api/systemconfiguration", context, cancellationToken).ConfigureAwait(false);
            return JsonRead.String(configuration, "default_license_tier");
        }
        catch (AviApiException exception) when (exception.Error.Kind is AviErrorKind.NotFound or AviErrorKind.Rejected)
        {
            return null;
        }
    }

    /// <summary>AKO's rule for static routes (<see cref="SeGroupClusterLabel"/>); a group labelled for another cluster is
    /// refused, as AKO refuses it, because its SEs would not take this cluster's routes.</summary>
    private static async Task LabelSeGroupAsync(
        AviRestClient rest, System.Text.Json.Nodes.JsonObject seGroup, AkoSettings settings, AviCallContext context, CancellationToken cancellationToken)
    {
        if (await SeGroupClusterLabel.EnsureAsync(rest, seGroup, settings.ClusterName, context, cancellationToken).ConfigureAwait(false) is not { } labels) return;
        throw new AviApiException(new AviError(AviErrorKind.Rejected, 409,
            $"serviceenginegroup '{JsonRead.String(seGroup, "name")}' is labelled {labels}, not clustername={settings.ClusterName}: " +
            "its Service Engines would not take this cluster's static routes. Give this cluster its own SE group (ControllerSettings.serviceEngineGroupName), " +
            "or set disableStaticRouteSync if the pods are routable"), "PUT", "serviceenginegroup");
    }

    private static async Task FindByUuidAsync(
        AviRestClient rest, string type, string uuid, string setting, AviCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            await rest.GetPathAsync($"api/{type}/{Uri.EscapeDataString(uuid)}", context, cancellationToken).ConfigureAwait(false);
        }
        catch (AviApiException exception) when (exception.Error.Kind is AviErrorKind.NotFound)
        {
            throw new AviApiException(new AviError(AviErrorKind.Rejected, 404,
                $"{type} with uuid '{uuid}' does not exist on the controller (tenant {context.Tenant}); check {setting}"), "GET", type);
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> FindAsync(
        AviRestClient rest, string type, string name, string setting, AviCallContext context, CancellationToken cancellationToken)
    {
        var found = await rest.ListAsync(type, [new("name", name)], context, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(o => JsonRead.String(o, "name") == name)
            ?? throw new AviApiException(new AviError(AviErrorKind.Rejected, 404,
                $"{type} '{name}' does not exist on the controller (tenant {context.Tenant}); check {setting}"), "GET", type);
    }
}
