namespace AkoActors.Testing;

/// <summary>Waits for an asynchronous outcome by polling with a deadline, never by sleeping a fixed time and hoping.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a non-null value or the deadline passes; then fails with <paramref name="what"/> and the last observation.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = e;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}" + (last is null ? string.Empty : $" (last error: {last.Message})"), last);
            }
            await Task.Delay(pause);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        GetAsync<object>(async () => await condition() ? new object() : null, what, timeout);
}
