using AkoActors.Actors.Avi;
using AkoActors.Domain.Avi;
using Xunit;
using static AkoActors.Actors.Tests.Avi.TreeSpecs;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>A read follows references down the tree to objects still unknown, and sets aside those of a type no codec reads.</summary>
public sealed class TreeReadFollowUpTests
{
    [Fact]
    public void References_to_unknown_readable_objects_are_read_next_and_unreadable_ones_are_set_aside()
    {
        var vip = Ref(AviObjectTypes.VsVip, "vs");
        var pool = Ref(AviObjectTypes.Pool, "p1");
        var waf = Ref(AviObjectTypes.WafPolicy, "waf");
        var policy = Ref(AviObjectTypes.L4PolicySet, "vs");
        var vs = State(AviObjectTypes.VirtualService, "vs", references: [vip, pool, waf, policy]);
        var known = new Dictionary<AviRef, AviObjectState> { [vs.Ref] = vs, [vip] = State(AviObjectTypes.VsVip, "vs") };

        // The policy set was asked for in the same read (and not found): it is not asked for again.
        var followUp = TreeReadFollowUp.Of([vs.Ref, vip, policy], [vs], known);

        Assert.Equal([pool], followUp.ToRead);
        Assert.Equal([waf], followUp.Unreadable);
    }

    [Fact]
    public void A_read_of_objects_that_refer_to_nothing_unknown_leads_nowhere()
    {
        var pool = State(AviObjectTypes.Pool, "p1");

        var followUp = TreeReadFollowUp.Of([pool.Ref], [pool], new Dictionary<AviRef, AviObjectState> { [pool.Ref] = pool });

        Assert.Empty(followUp.ToRead);
        Assert.Empty(followUp.Unreadable);
    }
}
