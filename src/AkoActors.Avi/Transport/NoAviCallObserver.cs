namespace AkoActors.Avi.Transport;

/// <summary>The observer used when nobody collects metrics.</summary>
public sealed class NoAviCallObserver : IAviCallObserver
{
    public static NoAviCallObserver Instance { get; } = new();

    public void Completed(string verb, string objectType, int status, TimeSpan duration)
    {
    }
}
