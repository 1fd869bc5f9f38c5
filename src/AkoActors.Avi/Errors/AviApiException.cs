namespace AkoActors.Avi.Errors;

/// <summary>Thrown by the Avi client for any failed call; carries the classified <see cref="AviError"/>.</summary>
public sealed class AviApiException(AviError error, string method, string path)
    : Exception($"{method} {path} failed: {error}")
{
    public AviError Error { get; } = error;

    public string Method { get; } = method;

    public string Path { get; } = path;
}
