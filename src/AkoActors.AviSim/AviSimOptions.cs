using AkoActors.AviSim.Profiles;
using Microsoft.Extensions.Logging;

namespace AkoActors.AviSim;

/// <summary>How to start a simulator: ports (0 = pick a free one), the seed profile, users, session timeout,
/// limits and the clock. Everything binds to 127.0.0.1 only.</summary>
public sealed record AviSimOptions
{
    /// <summary>Plain HTTP port; 0 picks one.</summary>
    public int HttpPort { get; init; }

    /// <summary>HTTPS port with a generated self-signed certificate (as real controllers are HTTPS-only); 0 picks
    /// one, null disables HTTPS.</summary>
    public int? HttpsPort { get; init; } = 0;

    /// <summary>DNS responder port (UDP, plus TCP on the same port when free); 0 picks one, null disables DNS.</summary>
    public int? DnsPort { get; init; } = 0;

    /// <summary>Also answer DNS over TCP.</summary>
    public bool DnsOverTcp { get; init; } = true;

    /// <summary>The controller to simulate; <see cref="SeedProfile.Default"/> when null.</summary>
    public SeedProfile? Profile { get; init; }

    /// <summary>Accounts accepted at <c>/login</c>; when empty the profile's users apply.</summary>
    public IReadOnlyList<AviSimUser> Users { get; init; } = [];

    /// <summary>Sessions idle longer than this expire (the controller's default is 15 minutes).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock for sessions, audit times and <c>_last_modified</c>; inject a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Bodies larger than this are refused with a 400.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Audit entries retained (oldest dropped first).</summary>
    public int AuditCapacity { get; init; } = 1_000_000;

    /// <summary>Seed for latency and fault randomness, for reproducible runs; null = random.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Where logs go; the simulator logs nothing when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
