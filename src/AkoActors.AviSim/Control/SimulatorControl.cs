using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Audit;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Faults;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Sessions;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Control;

/// <summary>The simulator's control surface, the same one <c>/sim/</c> exposes over HTTP: faults and latency,
/// the audit log, sessions, reset and seeding, and a view of the stored state.</summary>
public sealed class SimulatorControl
{
    private readonly ObjectService _objects;
    private readonly ProfileSeeder _seeder;
    private readonly SessionStore _sessions;
    private readonly DnsRecordTable _dns;
    private readonly RequestCounters _counters;
    private readonly ObjectRenderer _renderer;
    private readonly Lock _profileGate = new();
    private SeedProfile _profile;

    internal SimulatorControl(ObjectService objects, SessionStore sessions, DnsRecordTable dns, FaultInjector faults,
        AuditLog audit, RequestCounters counters, SeedProfile profile)
    {
        _objects = objects;
        _seeder = new ProfileSeeder(objects);
        _sessions = sessions;
        _dns = dns;
        _counters = counters;
        _renderer = new ObjectRenderer(objects.Store.NameOf);
        _profile = profile;
        Faults = faults;
        Audit = audit;
    }

    /// <summary>Latency, error injection, concurrency cap and the controller-down switch.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every write the controller answered.</summary>
    public AuditLog Audit { get; }

    /// <summary>The profile the controller was last seeded from.</summary>
    public SeedProfile Profile
    {
        get
        {
            lock (_profileGate)
            {
                return _profile;
            }
        }
    }

    public int ActiveSessions => _sessions.Count;

    /// <summary>The accounts that can log in now, with the tenants each may use.</summary>
    public IReadOnlyList<AviSimUser> Users => _sessions.Users;

    /// <summary>Adds a user or replaces the one of the same name (its live sessions keep working with the new
    /// tenant list). The change is kept in the profile, so it survives <see cref="Reset"/>.</summary>
    public void SetUser(AviSimUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_profileGate)
        {
            var users = _profile.Users.Where(u => u.Username != user.Username).Append(user).ToList();
            _profile = _profile with { Users = users };
            _sessions.SetUsers(users);
        }
    }

    /// <summary>Removes a user; its sessions get 401 from the next request. False when there was no such user.</summary>
    public bool RemoveUser(string username)
    {
        lock (_profileGate)
        {
            var users = _profile.Users.Where(u => u.Username != username).ToList();
            if (users.Count == _profile.Users.Count)
            {
                return false;
            }
            _profile = _profile with { Users = users };
            _sessions.SetUsers(users);
            return true;
        }
    }

    /// <summary>How long a session may stay idle before its next request gets a 401.</summary>
    public TimeSpan SessionIdleTimeout
    {
        get => _sessions.IdleTimeout;
        set => _sessions.IdleTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The answer to a request whose session expired: 401 (default) or 419.</summary>
    public int ExpiredSessionStatus
    {
        get => _sessions.ExpiredSessionStatus;
        set => _sessions.ExpiredSessionStatus = value is 401 or 419 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "401 or 419");
    }

    public int ObjectCount
    {
        get
        {
            lock (_objects.Store.Gate)
            {
                return _objects.Store.Count;
            }
        }
    }

    /// <summary>The A records the DNS service answers now.</summary>
    public IReadOnlyList<DnsAddressRecord> DnsRecords => _dns.ServedRecords();

    public SimulatorStats Stats => new(
        _counters.Total, Faults.Gate.InFlight, Faults.Gate.Waiting, Faults.Gate.PeakInFlight, _counters.ByStatus, ObjectCount, _counters.ByCall);

    /// <summary>Ends all sessions (or one); their next request gets 401 and must log in again. Returns how many ended.</summary>
    public int ExpireSessions(string? sessionId = null) => _sessions.Expire(sessionId);

    /// <summary>Back to the seeded state of the current profile: objects, IPAM, DNS, audit log, faults (the expired-session
    /// answer included) and counters are reset; sessions stay valid.</summary>
    public void Reset()
    {
        lock (_profileGate)
        {
            _sessions.SetUsers(_profile.Users);
            _seeder.Apply(_profile);
        }
        Audit.Clear();
        Faults.Clear();
        _sessions.ExpiredSessionStatus = 401;
        Faults.Gate.ResetPeak();
        _counters.Clear();
    }

    /// <summary>Replaces every object with those of a <see cref="DumpState"/> dump (same uuids, names and VIPs; refs may
    /// name any origin), keeping the profile's users and sessions; the audit log, faults and counters start empty.
    /// On a refused dump the controller is back at its profile.</summary>
    public void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_profileGate)
        {
            try
            {
                new StateLoader(_objects).Apply(state);
            }
            catch
            {
                _seeder.Apply(_profile);
                throw;
            }
        }
        Audit.Clear();
        Faults.Clear();
        Faults.Gate.ResetPeak();
        _counters.Clear();
    }

    /// <summary>Replaces the profile (users included) and resets to it.</summary>
    public void Seed(SeedProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_profileGate)
        {
            var previous = _profile;
            _profile = profile;
            try
            {
                Reset();
            }
            catch
            {
                _profile = previous;
                Reset();
                throw;
            }
        }
    }

    /// <summary>Every stored object as clients see it (refs rendered with <paramref name="origin"/>), by type;
    /// only those of one object type and/or one tenant (by name) when given.</summary>
    public JsonObject DumpState(string origin = "https://127.0.0.1", string? objectType = null, string? tenant = null)
    {
        var state = new JsonObject();
        var options = new RenderOptions(origin, IncludeName: false, Fields: null);
        foreach (var (view, tenantName) in Views())
        {
            if ((objectType is null || view.Stored.Type.Name == objectType) && (tenant is null || tenantName == tenant))
            {
                ListOf(state, view.Stored.Type.Name).Add(Render(view, options));
            }
        }
        return state;
    }

    /// <summary>Every stored object grouped by the tenant it belongs to, then by type:
    /// <c>{"admin": {"cloud": [...]}, "team-a": {"pool": [...]}}</c>. Tenants themselves are listed under
    /// <c>admin</c>, where the controller keeps them; an empty tenant appears with no types.</summary>
    public JsonObject DumpStateByTenant(string origin = "https://127.0.0.1")
    {
        var state = new JsonObject();
        var options = new RenderOptions(origin, IncludeName: false, Fields: null);
        foreach (var (view, tenantName) in Views())
        {
            if (state[tenantName] is not JsonObject ofTenant)
            {
                ofTenant = [];
                state[tenantName] = ofTenant;
            }
            ListOf(ofTenant, view.Stored.Type.Name).Add(Render(view, options));
            if (view.Stored.Type.IsTenant && state[view.Stored.Name] is null)
            {
                state[view.Stored.Name] = new JsonObject();
            }
        }
        return state;
    }

    private IEnumerable<(ObjectView View, string TenantName)> Views() =>
        _objects.Snapshot().Select(v => (v, _objects.Store.NameOf(v.Stored.TenantUuid) ?? v.Stored.TenantUuid));

    private static JsonArray ListOf(JsonObject parent, string key)
    {
        if (parent[key] is not JsonArray list)
        {
            list = [];
            parent[key] = list;
        }
        return list;
    }

    /// <summary>One object by type and name (tenant admin by default) as clients see it, or null.</summary>
    public JsonObject? FindObject(string objectType, string name, string tenant = "admin", string origin = "https://127.0.0.1")
    {
        if (!ObjectTypeRegistry.TryGet(objectType, out var type))
        {
            throw new ArgumentException($"unknown object type '{objectType}'", nameof(objectType));
        }
        var scope = _objects.ResolveTenant(tenant, null);
        ObjectView? view;
        lock (_objects.Store.Gate)
        {
            var stored = _objects.Store.FindByName(scope.TenantUuid!, type.Name, name).FirstOrDefault();
            view = stored is null ? null : _objects.Get(type, stored.Uuid, scope);
        }
        return view is null ? null : Render(view, new RenderOptions(origin, false, null));
    }

    private JsonObject Render(ObjectView view, RenderOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _renderer.Write(writer, view.Stored.Utf8, view.Derived, options);
        }
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }
}
