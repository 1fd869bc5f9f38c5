using AkoActors.AviSim.Control;
using AkoActors.AviSim.Faults;

namespace AkoActors.Simulation.Faults;

/// <summary>The Avi Controller misbehaving, through AviSim's own fault API: latency distributions, error rates per method
/// and type, outages, session expiry (401 or 419) and concurrency caps. Every call is logged with the run.</summary>
public sealed class AviFaults
{
    private readonly SimulatorControl _avi;
    private readonly Action<string> _say;

    internal AviFaults(SimulatorControl avi, Action<string> say)
    {
        _avi = avi;
        _say = say;
    }

    /// <summary>The controller's behaviour when nothing is wrong (its measured latency and concurrency); faults come on top
    /// of it and <see cref="Clear"/> returns to it.</summary>
    public AviControllerProfile Baseline { get; private set; } = AviControllerProfile.Instant;

    /// <summary>Sets and applies the baseline.</summary>
    public void SetBaseline(AviControllerProfile profile)
    {
        Baseline = profile;
        ApplyBaseline();
        _say($"Avi controller baseline: {profile}");
    }

    /// <summary>Every request takes a log-normal time with this median and 99th percentile.</summary>
    public void Latency(TimeSpan p50, TimeSpan p99)
    {
        _avi.Faults.Latency = LatencyModel.Distribution(p50, p99);
        _say($"Avi latency log-normal p50 {p50.TotalMilliseconds:0} ms, p99 {p99.TotalMilliseconds:0} ms");
    }

    /// <summary>A share of the requests of one method and type (<c>*</c> for any) fail with <paramref name="status"/>.</summary>
    public FaultRule Errors(string method, string objectType, double rate, int status = 503)
    {
        var rule = _avi.Faults.AddRule(new FaultRule(method, objectType, rate, status));
        _say($"Avi errors: {rate:P0} of {method} {objectType} answer {status} (rule {rule.Id})");
        return rule;
    }

    /// <summary>The controller is down: 503 to everything, or connections dropped (a dead controller behind a load balancer).</summary>
    public void Outage(bool refuseConnections = false)
    {
        _avi.Faults.Down = refuseConnections ? ControllerDownMode.ConnectionRefused : ControllerDownMode.ServiceUnavailable;
        _say($"Avi outage: {(refuseConnections ? "connections dropped" : "503 to every request")}");
    }

    /// <summary>The controller answers again after an outage.</summary>
    public void Up()
    {
        _avi.Faults.Down = ControllerDownMode.Up;
        _say("Avi controller up again");
    }

    /// <summary>Every open session expires; the next request of each replica is answered <paramref name="status"/> (401, or
    /// 419 as some controller versions answer) and must log in again.</summary>
    public int ExpireSessions(int status = 401)
    {
        if (status is not (401 or 419)) throw new ArgumentOutOfRangeException(nameof(status), status, "a controller answers an expired session with 401 or 419");
        _avi.ExpiredSessionStatus = status;
        var expired = _avi.ExpireSessions();
        _say($"Avi sessions expired ({expired}); the next request of each answers {status}");
        return expired;
    }

    /// <summary>At most <paramref name="requests"/> requests are served at once; the rest queue (0 = no cap).</summary>
    public void ConcurrencyCap(int requests)
    {
        _avi.Faults.MaxConcurrentRequests = requests;
        _say(requests == 0 ? "Avi concurrency cap removed" : $"Avi serves at most {requests} requests at once");
    }

    /// <summary>A healthy controller again: no error rules, up, and the baseline's latency and cap (none by default).</summary>
    public void Clear()
    {
        _avi.Faults.Clear();
        ApplyBaseline();
        _say(Baseline == AviControllerProfile.Instant ? "Avi faults cleared" : $"Avi faults cleared; back to the baseline ({Baseline})");
    }

    private void ApplyBaseline()
    {
        if (Baseline.HasLatency)
        {
            _avi.Faults.Latency = Baseline.P50 == Baseline.P99 ? LatencyModel.Fixed(Baseline.P50) : LatencyModel.Distribution(Baseline.P50, Baseline.P99);
        }
        _avi.Faults.MaxConcurrentRequests = Baseline.MaxConcurrent;
    }
}
