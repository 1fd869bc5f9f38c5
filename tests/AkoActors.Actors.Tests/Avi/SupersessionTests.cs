using AkoActors.Actors.Avi;
using Xunit;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>An owner is superseded only by a stamp above its own epoch, and not before it has one.</summary>
public sealed class SupersessionTests
{
    [Theory]
    [InlineData(null, new long[] { 7 }, null)]
    [InlineData(5L, new long[] { }, null)]
    [InlineData(5L, new long[] { 3, 5 }, null)]
    [InlineData(5L, new long[] { 3, 9, 6 }, 9L)]
    public void A_newer_epoch_is_the_highest_stamp_above_this_incarnations(long? mine, long[] stamps, long? expected) =>
        Assert.Equal(expected, Supersession.NewerEpoch(mine, stamps.Select(s => (long?)s)));

    [Fact]
    public void Unstamped_objects_supersede_nobody() =>
        Assert.Null(Supersession.NewerEpoch(5, [null, null]));
}
