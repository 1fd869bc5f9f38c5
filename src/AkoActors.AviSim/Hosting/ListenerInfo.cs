using System.Text.Json.Nodes;
using AkoActors.AviSim.Control;

namespace AkoActors.AviSim.Hosting;

/// <summary>Where a started simulator listens, filled in once the ports are bound and reported by
/// <c>GET /sim/info</c>.</summary>
internal sealed class ListenerInfo(SimulatorControl control)
{
    public string? HttpUrl { get; set; }

    public string? HttpsUrl { get; set; }

    public int? DnsPort { get; set; }

    public JsonObject ToJson() => new()
    {
        ["http_url"] = HttpUrl,
        ["https_url"] = HttpsUrl,
        ["dns_port"] = DnsPort,
        ["controller_version"] = control.Profile.ControllerVersion,
        ["profile"] = control.Profile.Name,
        ["usernames"] = new JsonArray(control.Profile.Users.Select(u => (JsonNode)u.Username).ToArray()),
        ["objects"] = control.ObjectCount,
    };
}
