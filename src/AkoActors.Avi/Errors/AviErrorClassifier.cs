using System.Text.Json;

namespace AkoActors.Avi.Errors;

/// <summary>Maps a controller response (status + body) to an <see cref="AviError"/>.</summary>
public static class AviErrorClassifier
{
    public static AviError Classify(int status, string? body, bool isLogin = false)
    {
        var message = ExtractMessage(body) ?? $"HTTP {status}";
        var kind = status switch
        {
            401 when isLogin || message.Contains("Invalid credentials", StringComparison.OrdinalIgnoreCase) => AviErrorKind.InvalidCredentials,
            401 or 419 => AviErrorKind.Unauthorized,
            403 => AviErrorKind.Rejected,
            404 => AviErrorKind.NotFound,
            409 when message.Contains("already allocated", StringComparison.OrdinalIgnoreCase) => AviErrorKind.AddressInUse,
            409 => AviErrorKind.NameConflict,
            412 => AviErrorKind.Stale,
            400 when message.Contains("No available free IPs", StringComparison.OrdinalIgnoreCase) => AviErrorKind.NoFreeIps,
            408 or 429 => AviErrorKind.Transient,
            >= 400 and < 500 => AviErrorKind.Rejected,
            _ => AviErrorKind.Transient,
        };
        return new AviError(kind, status, message);
    }

    public static AviError Unreachable(Exception exception) =>
        new(AviErrorKind.Transient, 0, exception switch
        {
            TaskCanceledException or TimeoutException => "request timed out",
            _ => exception.GetBaseException().Message,
        });

    /// <summary>The controller answers errors as {"error": "..."}; anything else is shown trimmed as is.</summary>
    private static string? ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the raw text.
        }
        var text = body.Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
