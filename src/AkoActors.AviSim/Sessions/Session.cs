namespace AkoActors.AviSim.Sessions;

/// <summary>A logged-in client: its cookie id, its CSRF token and when it was last used (idle expiry).</summary>
internal sealed class Session(string id, string csrfToken, string username, DateTimeOffset now)
{
    private long _lastUsedTicks = now.UtcTicks;

    public string Id { get; } = id;

    public string CsrfToken { get; } = csrfToken;

    public string Username { get; } = username;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);
}
