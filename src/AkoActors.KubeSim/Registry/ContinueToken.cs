using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Registry;

/// <summary>The opaque <c>continue</c> value of a paged list: the list's resourceVersion and the last key served.</summary>
public sealed record ContinueToken(long ResourceVersion, string LastKey)
{
    /// <summary>The token as sent to clients.</summary>
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = LastKey + "\0" }.ToJsonString()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Parses a token; 400 when it is not one of ours.</summary>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)))!;
            return new ContinueToken((long)json["rv"]!, ((string)json["start"]!).TrimEnd('\0'));
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
