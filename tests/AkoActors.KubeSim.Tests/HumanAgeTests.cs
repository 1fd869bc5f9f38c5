using AkoActors.KubeSim.Tables;

namespace AkoActors.KubeSim.Tests;

/// <summary>AGE columns read like kubectl's.</summary>
public class HumanAgeTests
{
    [Theory]
    [InlineData(3, "3s")]
    [InlineData(119, "119s")]
    [InlineData(327, "5m27s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(9 * 3600, "9h")]
    [InlineData(2 * 86400 + 3600, "2d1h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(3 * 365 * 86400, "3y")]
    public void Durations_format_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, HumanAge.Format(TimeSpan.FromSeconds(seconds)));
}
