namespace AkoActors.AviSim.Store;

/// <summary>Hands out <c>_last_modified</c> values: microseconds since the epoch, strictly increasing across
/// the whole store, so two writes in the same microsecond still get different versions.</summary>
internal sealed class LastModifiedClock(TimeProvider time)
{
    private long _last;

    public string Next()
    {
        var now = (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
