using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Yaml;

namespace AkoActors.AviSim.Profiles;

/// <summary>The controller a simulator starts as: version, users, tenants and the system objects (clouds,
/// networks, SE groups, VRFs, profiles, DNS VS...). Loaded from a JSON or YAML file; <see cref="Default"/>
/// mirrors the seed article's controller.</summary>
public sealed record SeedProfile
{
    private const string DefaultResource = "AkoActors.AviSim.profiles.default.yaml";

    public string Name { get; init; } = "unnamed";

    /// <summary>Reported by <c>/api/initial-data</c> and <c>/api/cluster/version</c>.</summary>
    public string ControllerVersion { get; init; } = "22.1.3";

    public int ControllerBuild { get; init; } = 9051;

    public IReadOnlyList<AviSimUser> Users { get; init; } = [];

    /// <summary>Tenants besides <c>admin</c>, which always exists.</summary>
    public IReadOnlyList<string> Tenants { get; init; } = [];

    public IReadOnlyList<SeedObject> Objects { get; init; } = [];

    /// <summary>The shipped default profile (seed article: alb-vip 172.16.251.0/24, ako.example.com, System-DNS
    /// at .253, user admin/admin). Meant for demos and tests, not production.</summary>
    public static SeedProfile Default
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
                               ?? throw new InvalidOperationException($"resource {DefaultResource} is missing");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), isYaml: true);
        }
    }

    /// <summary>Reads a profile file; <c>.json</c> is JSON, anything else YAML (a superset of JSON).</summary>
    public static SeedProfile Load(string path)
    {
        var text = File.ReadAllText(path);
        return Parse(text, isYaml: !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Parses profile text; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SeedProfile Parse(string text, bool isYaml)
    {
        JsonNode? root;
        try
        {
            root = isYaml ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new FormatException($"profile is not valid {(isYaml ? "YAML" : "JSON")}: {ex.Message}", ex);
        }
        if (root is not JsonObject obj)
        {
            throw new FormatException("profile must be an object with name, users, tenants and objects");
        }
        return FromJson(obj);
    }

    /// <summary>The profile as JSON (the format <c>POST /sim/seed</c> accepts); without secrets, passwords and
    /// tokens read <c>&lt;sensitive&gt;</c>.</summary>
    public JsonObject ToJson(bool includeSecrets = true) => new()
    {
        ["name"] = Name,
        ["controller"] = new JsonObject { ["version"] = ControllerVersion, ["build"] = ControllerBuild },
        ["users"] = new JsonArray(Users.Select(u => (JsonNode)new JsonObject
        {
            ["username"] = u.Username,
            ["password"] = includeSecrets ? u.Password : "<sensitive>",
            ["token"] = includeSecrets || u.Token is null ? u.Token : "<sensitive>",
            ["tenants"] = u.Tenants is null ? null : new JsonArray(u.Tenants.Select(t => (JsonNode)t).ToArray()),
        }).ToArray()),
        ["tenants"] = new JsonArray(Tenants.Select(t => (JsonNode)t).ToArray()),
        ["objects"] = new JsonArray(Objects.Select(o => (JsonNode)new JsonObject
        {
            ["type"] = o.Type, ["update"] = o.UpdateName, ["tenant"] = o.Tenant, ["body"] = o.Body.DeepClone(),
        }).ToArray()),
    };

    private static SeedProfile FromJson(JsonObject obj)
    {
        string? Text(JsonNode? node, string what) => node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => v.ToString(),
            _ => throw new FormatException($"profile field '{what}' must be a string"),
        };
        var controller = obj["controller"] as JsonObject;
        var users = new List<AviSimUser>();
        if (obj["users"] is JsonArray userArray)
        {
            foreach (var (user, i) in userArray.Select((u, i) => (u, i)))
            {
                var username = Text(user?["username"], $"users[{i}].username");
                var password = Text(user?["password"], $"users[{i}].password");
                if (string.IsNullOrEmpty(username) || password is null)
                {
                    throw new FormatException($"profile users[{i}] needs username and password");
                }
                users.Add(new AviSimUser(username, password, Text(user?["token"], $"users[{i}].token"),
                    UserTenants(user?["tenants"], i)));
            }
        }
        var objects = new List<SeedObject>();
        if (obj["objects"] is JsonArray objectArray)
        {
            foreach (var (entry, i) in objectArray.Select((o, i) => (o, i)))
            {
                var type = Text(entry?["type"], $"objects[{i}].type");
                if (string.IsNullOrEmpty(type) || entry?["body"] is not JsonObject body)
                {
                    throw new FormatException($"profile objects[{i}] needs a type and an object body");
                }
                objects.Add(new SeedObject(type, (JsonObject)body.DeepClone(),
                    Text(entry["update"], $"objects[{i}].update"), Text(entry["tenant"], $"objects[{i}].tenant")));
            }
        }
        IReadOnlyList<string>? UserTenants(JsonNode? node, int i) => node switch
        {
            null => null,
            JsonArray names => names.Select((t, j) => Text(t, $"users[{i}].tenants[{j}]")
                                                   ?? throw new FormatException($"profile users[{i}].tenants[{j}] is empty")).ToList(),
            _ => throw new FormatException($"profile users[{i}].tenants must be a list of tenant names (omit it for every tenant)"),
        };
        return new SeedProfile
        {
            Name = Text(obj["name"], "name") ?? "unnamed",
            ControllerVersion = Text(controller?["version"], "controller.version") ?? "22.1.3",
            ControllerBuild = int.TryParse(Text(controller?["build"], "controller.build"), out var build) ? build : 9051,
            Users = users,
            Tenants = obj["tenants"] is JsonArray tenants
                ? tenants.Select((t, i) => Text(t, $"tenants[{i}]")!).Where(t => t != "admin").ToList()
                : [],
            Objects = objects,
        };
    }
}
