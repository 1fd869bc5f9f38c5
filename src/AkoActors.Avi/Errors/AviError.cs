namespace AkoActors.Avi.Errors;

/// <summary>A classified controller failure: status (0 when no response), the controller's message, and how to handle it.</summary>
public sealed record AviError(AviErrorKind Kind, int Status, string Message)
{
    public bool IsRetryable => Kind is AviErrorKind.Transient or AviErrorKind.Stale or AviErrorKind.NoFreeIps or AviErrorKind.Unauthorized;

    public override string ToString() => Status == 0 ? $"{Kind}: {Message}" : $"{Kind} ({Status}): {Message}";
}
