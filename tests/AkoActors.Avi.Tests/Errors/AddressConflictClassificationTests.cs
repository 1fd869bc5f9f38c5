using AkoActors.Avi.Errors;

namespace AkoActors.Avi.Tests.Errors;

/// <summary>A 409 is two different things: a name another object holds, or an address another VIP holds. The second must be
/// said (and retried) as an address conflict, never as a NameConflict (issue 10 point 6).</summary>
public class AddressConflictClassificationTests
{
    [Theory]
    [InlineData("""{"error": "IP 172.16.251.50 in network alb-vip is already allocated to avi-cluster--vip-holder"}""", AviErrorKind.AddressInUse)]
    [InlineData("""{"error": "Pool with name 'web' in tenant 'admin' and this cloud already exists"}""", AviErrorKind.NameConflict)]
    public void A_409_names_the_conflict_it_is(string body, AviErrorKind expected) =>
        Assert.Equal(expected, AviErrorClassifier.Classify(409, body).Kind);

    [Fact]
    public void An_address_conflict_is_not_retryable_on_its_own_but_waits_for_a_release() =>
        Assert.False(AviErrorClassifier.Classify(409, """{"error": "IP 172.16.251.50 in network alb-vip is already allocated to x"}""").IsRetryable);
}
