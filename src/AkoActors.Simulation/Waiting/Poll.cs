namespace AkoActors.Simulation.Waiting;

/// <summary>Waiting by polling a condition with a deadline: the only way the harness waits (no sleep stands in for a
/// condition).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, TimeSpan interval)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow >= deadline) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {what}");
            await Task.Delay(interval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout, TimeSpan interval) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, interval);
}
