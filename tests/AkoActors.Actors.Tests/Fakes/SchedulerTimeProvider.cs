using Akka.TestKit;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>The runtime's clock read from the test's virtual scheduler, so an actor's "now" (settling windows, report waits)
/// and its timers move together, and only when the spec advances them.</summary>
public sealed class SchedulerTimeProvider(TestScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
