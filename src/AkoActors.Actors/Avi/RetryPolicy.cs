using AkoActors.Avi.Errors;

namespace AkoActors.Actors.Avi;

/// <summary>How long to wait before trying a failed tree again, per AKO's error classes (ako-behaviour.md §7).</summary>
public sealed record RetryPolicy
{
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>"No available free IPs": the pool frees up only when someone deletes something, so ask rarely.</summary>
    public TimeSpan NoFreeIpsRetry { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan InvalidCredentialsRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message to another owner (an Ingress's contribution to a shared VS) may go unanswered before it
    /// is sent again; doubled on each resend up to <see cref="MaxBackoff"/>. Messages between replicas are at most once:
    /// one sent as a partition starts or a connection is reset is gone.</summary>
    public TimeSpan UnansweredResend { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before resend <paramref name="resends"/>+1 of a message nobody answered.</summary>
    public TimeSpan ResendAfter(int resends) =>
        TimeSpan.FromMilliseconds(Math.Min(UnansweredResend.TotalMilliseconds * Math.Pow(2, Math.Clamp(resends, 0, 20)), MaxBackoff.TotalMilliseconds));

    /// <summary>The delay before attempt <paramref name="failures"/>+1; null means "not until the input changes".</summary>
    public TimeSpan? DelayAfter(AviError error, int failures) => error.Kind switch
    {
        AviErrorKind.Rejected or AviErrorKind.NameConflict => null,
        // Woken at once when this controller releases a VIP; the slow retry covers addresses released by anyone else.
        AviErrorKind.NoFreeIps or AviErrorKind.AddressInUse => NoFreeIpsRetry,
        AviErrorKind.InvalidCredentials => InvalidCredentialsRetry,
        AviErrorKind.Stale or AviErrorKind.NotFound => TimeSpan.Zero,
        _ => Exponential(failures),
    };

    /// <summary>Exponential with full jitter between half and the whole step, capped.</summary>
    public TimeSpan Exponential(int failures)
    {
        var step = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        var capped = Math.Min(step, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
