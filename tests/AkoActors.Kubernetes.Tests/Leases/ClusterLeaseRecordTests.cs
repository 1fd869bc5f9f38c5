using AkoActors.Kubernetes.Leases;

namespace AkoActors.Kubernetes.Tests.Leases;

/// <summary>Which cluster holds the cluster Lease after failures and splits, decided from the record alone.</summary>
public sealed class ClusterLeaseRecordTests
{
    private const string A = "akka.tcp://ako-actors@10.0.0.1:4053#1";
    private const string B = "akka.tcp://ako-actors@10.0.0.2:4053#2";
    private const string C = "akka.tcp://ako-actors@10.0.0.3:4053#3";
    private const string D = "akka.tcp://ako-actors@10.0.0.4:4053#4";
    private static readonly DateTimeOffset Renewed = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static ClusterLeaseRecord Record(string holder, params string[] members) => new(holder, members, Renewed, TimeSpan.FromSeconds(15), "7");

    private static HashSet<string> View(params string[] members) => new(members, StringComparer.Ordinal);

    [Fact]
    public void The_survivors_of_a_dead_renewer_hold_it_at_once_when_they_are_a_majority()
    {
        Assert.True(Record(A, A, B, C).IsHeldBy(View(B, C)));
    }

    [Fact]
    public void After_a_split_only_the_majority_holds_it_whichever_side_the_renewer_is_on()
    {
        Assert.False(Record(A, A, B, C).IsHeldBy(View(A)));     // the renewer, cut off alone
        Assert.True(Record(A, A, B, C).IsHeldBy(View(B, C)));
        Assert.False(Record(B, A, B, C).IsHeldBy(View(A)));     // a member cut off alone
    }

    [Fact]
    public void On_an_even_split_the_renewers_half_holds_it_so_one_of_two_replicas_dying_stalls_nothing()
    {
        Assert.True(Record(A, A, B).IsHeldBy(View(A)));
        Assert.False(Record(A, A, B).IsHeldBy(View(B)));
        Assert.True(Record(A, A, B, C, D).IsHeldBy(View(A, B)));
        Assert.False(Record(A, A, B, C, D).IsHeldBy(View(C, D)));
    }

    [Fact]
    public void A_cluster_sharing_no_majority_with_the_record_waits_for_expiry_and_one_grown_from_the_record_holds_it()
    {
        Assert.False(Record(A, A, B).IsHeldBy(View(C)));
        Assert.False(Record(A, A, B, C).IsHeldBy(View(C, D)));  // half the cluster died at once: its survivor waits
        Assert.True(Record(A, A).IsHeldBy(View(A, B, C)));      // scaled up from one replica
        Assert.True(Record(A, A, B).IsExpiredAt(Renewed.AddSeconds(15)));
    }

    [Fact]
    public void Members_that_left_gracefully_are_not_counted_so_a_scale_in_by_half_or_more_keeps_the_Lease()
    {
        // Scaled from three replicas to one: the renewer and another exited, the survivor saw them go.
        Assert.False(Record(A, A, B, C).IsHeldBy(View(C)));
        Assert.True(Record(A, A, B, C).IsHeldBy(View(C), departed: View(A, B)));
        // ... and new pods joined before the survivor renewed.
        Assert.True(Record(A, A, B, C).IsHeldBy(View(C, D), departed: View(A, B)));
        // One left, one is cut off: an even split of what is left, and the renewer is gone — wait for expiry.
        Assert.False(Record(A, A, B, C).IsHeldBy(View(C), departed: View(A)));
        // A departure says nothing about a cluster the departed member never belonged to.
        Assert.False(Record(A, A, B).IsHeldBy(View(C), departed: View(D)));
        // Everyone listed left gracefully, the renewer among them (it renewed while the others were still joining, then
        // left): the record was this cluster's. Not when the renewer is not among those seen leaving.
        Assert.True(Record(A, A).IsHeldBy(View(C), departed: View(A)));
        Assert.True(Record(A, A, B).IsHeldBy(View(C), departed: View(A, B)));
        Assert.False(Record(A, A).IsHeldBy(View(C)));
        Assert.False(Record(A, B).IsHeldBy(View(C), departed: View(B)));
    }

    [Fact]
    public void A_member_the_holding_cluster_listed_and_then_dropped_has_been_removed()
    {
        var after = Record(B, B, C); // B and C downed A and renewed without it; A's side is A alone
        Assert.True(after.HasRemoved(A, wasListed: true, View(A), Renewed.AddSeconds(1)));
        // Never listed: a second cluster of its own (a replica started with the wrong seeds) waits, it is not "removed".
        Assert.False(after.HasRemoved(A, wasListed: false, View(A), Renewed.AddSeconds(1)));
        // Still listed, expired, or the holder is in its own view: not removed.
        Assert.False(Record(B, A, B, C).HasRemoved(A, wasListed: true, View(A), Renewed.AddSeconds(1)));
        Assert.False(after.HasRemoved(A, wasListed: true, View(A), Renewed.AddSeconds(15)));
        Assert.False(after.HasRemoved(C, wasListed: true, View(B, C), Renewed.AddSeconds(1)));
    }
}
