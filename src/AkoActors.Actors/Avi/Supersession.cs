namespace AkoActors.Actors.Avi;

/// <summary>Fencing seen from the owner's side: whether a newer incarnation of the owner (after a failover this replica did
/// not notice, say) has written the tree since this one took its epoch.</summary>
public static class Supersession
{
    /// <summary>The newest epoch stamped on the owner's objects when it is above this incarnation's; null while this
    /// incarnation has not written (no epoch yet) or no stamp is newer.</summary>
    public static long? NewerEpoch(long? mine, IEnumerable<long?> stamps) =>
        mine is { } own && stamps.Max() is { } newest && newest > own ? newest : null;
}
