using AkoActors.Simulation.Faults;
using Xunit;

namespace AkoActors.Simulation.Tests.Reporting;

public sealed class AviControllerProfileTests
{
    [Fact]
    public void A_median_alone_is_a_fixed_latency_and_two_figures_a_distribution()
    {
        Assert.Equal(new AviControllerProfile(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), 16), AviControllerProfile.Parse("20", 16));
        Assert.Equal(new AviControllerProfile(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), 0), AviControllerProfile.Parse("20, 80", 0));
        Assert.Equal(AviControllerProfile.Instant, AviControllerProfile.Parse(null, 0));
    }

    [Theory]
    [InlineData("fast", 0, "give the median")]
    [InlineData("80,20", 0, "below the median")]
    [InlineData("1,2,3", 0, "give the median")]
    [InlineData("20", -1, "--avi-concurrency")]
    public void Nonsense_is_refused_with_what_to_give(string latency, int cap, string hint) =>
        Assert.Contains(hint, Assert.Throws<ArgumentException>(() => AviControllerProfile.Parse(latency, cap)).Message);
}
