using AkoActors.Actors.StatusWriting;
using AkoActors.Domain.Kubernetes;
using Xunit;

namespace AkoActors.Actors.Tests.StatusWriting;

/// <summary>When a status patch is needed, given our own patch may still be on its way back through the watch.</summary>
public sealed class LoadBalancerStatusTrackerTests
{
    private static readonly LoadBalancerIngressStatus[] None = [];
    private static readonly LoadBalancerIngressStatus[] Vip1 = [new("172.16.251.1", null)];
    private static readonly LoadBalancerIngressStatus[] Vip2 = [new("172.16.251.2", null)];

    [Fact]
    public void A_status_that_already_matches_needs_no_patch() => Assert.False(new LoadBalancerStatusTracker().NeedsPatch(Vip1, Vip1));

    [Fact]
    public void A_patch_is_sent_once_while_the_watch_has_not_shown_it_yet()
    {
        var tracker = new LoadBalancerStatusTracker();
        Assert.True(tracker.NeedsPatch(None, Vip1));
        Assert.False(tracker.NeedsPatch(None, Vip1));
        Assert.True(tracker.IsPending);
        Assert.False(tracker.NeedsPatch(Vip1, Vip1));
        Assert.False(tracker.IsPending);
    }

    [Fact]
    public void A_status_someone_else_wrote_meanwhile_is_corrected()
    {
        var tracker = new LoadBalancerStatusTracker();
        Assert.True(tracker.NeedsPatch(None, Vip1));
        Assert.True(tracker.NeedsPatch(Vip2, Vip1));
    }

    [Fact]
    public void After_a_failed_patch_the_next_reconcile_patches_again()
    {
        var tracker = new LoadBalancerStatusTracker();
        Assert.True(tracker.NeedsPatch(None, Vip1));
        tracker.Forget();
        Assert.True(tracker.NeedsPatch(None, Vip1));
    }
}
