using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AkoActors.AviSim.Sessions;

/// <summary>The controller's login sessions: credential check, cookie/CSRF token issue, idle expiry on an
/// injectable clock, and forced expiry for fault injection.</summary>
internal sealed class SessionStore(TimeProvider time, TimeSpan idleTimeout)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<AviSimUser> _users = [];

    public TimeSpan IdleTimeout { get; set; } = idleTimeout;

    /// <summary>What a request with an expired or unknown session cookie is answered: 401, or 419 ("session expired") as
    /// some controller versions answer.</summary>
    public int ExpiredSessionStatus { get; set; } = 401;

    public int Count => _sessions.Count;

    public void SetUsers(IReadOnlyList<AviSimUser> users) => _users = users;

    public IReadOnlyList<AviSimUser> Users => _users;

    /// <summary>Null when the credentials are wrong.</summary>
    public Session? Login(string username, string? password, string? token)
    {
        var user = _users.FirstOrDefault(u => u.Username == username);
        if (user is null)
        {
            return null;
        }
        var accepted = (password is not null && FixedTimeEquals(user.Password, password)) ||
                       (token is not null && user.Token is not null && FixedTimeEquals(user.Token, token));
        if (!accepted)
        {
            return null;
        }
        var session = new Session(NewSecret(), NewSecret(), username, time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session for a cookie value, touched; null if unknown or idle too long (then removed).</summary>
    public Session? Find(string? sessionId)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now - session.LastUsed > IdleTimeout)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }
        session.Touch(now);
        return session;
    }

    public void Logout(string sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>Ends every session (or one), so the next request of those clients gets a 401.</summary>
    public int Expire(string? sessionId = null)
    {
        if (sessionId is not null)
        {
            return _sessions.TryRemove(sessionId, out _) ? 1 : 0;
        }
        var count = _sessions.Count;
        _sessions.Clear();
        return count;
    }

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));
}
