using AkoActors.Actors.Avi;
using AkoActors.Domain.Avi;
using Xunit;
using static AkoActors.Actors.Tests.Avi.TreeSpecs;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>A sweep makes an owner read again only what changed behind its back: objects whose stamp differs or that it
/// does not know, not those a read in flight covers, and (once the whole tree is read) its own objects the sweep no longer found.</summary>
public sealed class TreeDriftTests
{
    private static readonly AviObjectState Pool = State(AviObjectTypes.Pool, "p1", lastModified: "10");
    private static readonly AviObjectState Vs = State(AviObjectTypes.VirtualService, "vs", lastModified: "20");
    private static readonly Dictionary<AviRef, AviObjectState> Known = new() { [Pool.Ref] = Pool, [Vs.Ref] = Vs };

    [Fact]
    public void Objects_with_the_stamps_the_owner_knows_are_not_read_again()
    {
        var drifted = TreeDrift.Find([new(Pool.Ref, "10"), new(Vs.Ref, "20")], Known, new HashSet<AviRef>(), loaded: true, isOwn: _ => true);

        Assert.Empty(drifted);
    }

    [Fact]
    public void A_changed_stamp_or_an_unknown_object_is_read_again_unless_a_read_in_flight_covers_it()
    {
        var unknown = Ref(AviObjectTypes.Pool, "p2");
        var inFlight = Ref(AviObjectTypes.Pool, "p3");

        var drifted = TreeDrift.Find(
            [new(Pool.Ref, "11"), new(Vs.Ref, "20"), new(unknown, "1"), new(inFlight, "1")], Known, new HashSet<AviRef> { inFlight }, loaded: true, isOwn: _ => true);

        Assert.Equal([Pool.Ref, unknown], drifted);
    }

    [Fact]
    public void An_own_object_the_sweep_did_not_find_was_deleted_behind_the_owners_back_once_the_tree_is_read()
    {
        var seen = new ObservedObject[] { new(Vs.Ref, "20") };

        Assert.Equal([Pool.Ref], TreeDrift.Find(seen, Known, new HashSet<AviRef>(), loaded: true, isOwn: _ => true));
        Assert.Empty(TreeDrift.Find(seen, Known, new HashSet<AviRef>(), loaded: true, isOwn: s => s.Ref != Pool.Ref));
        Assert.Empty(TreeDrift.Find(seen, Known, new HashSet<AviRef>(), loaded: false, isOwn: _ => true));
    }
}
