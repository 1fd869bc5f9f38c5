using System.Text;
using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.OpenApi;

/// <summary>
/// An empty but valid OpenAPI v2 (swagger 2.0) document. kubectl falls back to it when a kind is missing from the v3
/// documents (an unknown kind, or Namespace for client-side validation); with no definitions in it kubectl skips
/// client-side schema checks and reports what it really failed on (e.g. <c>no matches for kind</c>) instead of
/// "failed to download openapi". Served as protobuf (gnostic openapi_v2.Document), which is what kubectl asks for.
/// </summary>
public static class OpenApiV2Document
{
    /// <summary>The document as JSON.</summary>
    public static JsonObject Json() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes (KubeSim)", ["version"] = "v1.32.0" },
        ["paths"] = new JsonObject(),
    };

    /// <summary>The document as protobuf: swagger (1), info (2: title 1, version 2), paths (8).</summary>
    public static byte[] Protobuf()
    {
        var info = Concat(Field(1, Encoding.UTF8.GetBytes("Kubernetes (KubeSim)")), Field(2, Encoding.UTF8.GetBytes("v1.32.0")));
        return Concat(Field(1, Encoding.UTF8.GetBytes("2.0")), Field(2, info), Field(8, []));
    }

    private static byte[] Field(int number, byte[] payload)
    {
        var bytes = new List<byte> { (byte)((number << 3) | 2) };
        var length = payload.Length;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            bytes.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        bytes.AddRange(payload);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
