namespace AkoActors.Avi.Transport;

/// <summary>Told about every controller call once it completes, so metrics can count calls by verb, type and status.</summary>
public interface IAviCallObserver
{
    /// <param name="status">The HTTP status, or 0 when no response arrived (timeout, connection refused).</param>
    void Completed(string verb, string objectType, int status, TimeSpan duration);
}
