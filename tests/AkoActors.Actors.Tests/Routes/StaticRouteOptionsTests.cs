using AkoActors.Actors.Routes;
using Xunit;

namespace AkoActors.Actors.Tests.Routes;

/// <summary>The VRF owner's windows as plain arithmetic (defaults: settle 100 ms, max delay 1 s, report wait 5 s, re-ask 3 s).</summary>
public sealed class StaticRouteOptionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly StaticRouteOptions Options = StaticRouteOptions.Default;

    [Theory]
    [InlineData(0, 0, 100)] // a single change settles after one settle
    [InlineData(0, 450, 550)] // a burst settles a settle after its last change
    [InlineData(0, 950, 1000)] // ...but a steady trickle is written by max delay after its first change
    [InlineData(0, 5000, 1000)]
    public void A_burst_settles_a_settle_after_its_last_change_and_at_most_max_delay_after_its_first(int firstMs, int lastMs, int settledMs) =>
        Assert.Equal(T0.AddMilliseconds(settledMs), Options.SettledAt(T0.AddMilliseconds(firstMs), T0.AddMilliseconds(lastMs)));

    [Fact]
    public void Missing_reports_are_awaited_for_report_wait_and_asked_again_every_reask()
    {
        Assert.Equal(T0.AddSeconds(5), Options.ReportsAwaitedUntil(T0));
        Assert.Equal(T0.AddSeconds(3), Options.NextAsk(T0));
        // Never asked: due at once.
        Assert.True(Options.NextAsk(DateTimeOffset.MinValue) < T0);
    }
}
