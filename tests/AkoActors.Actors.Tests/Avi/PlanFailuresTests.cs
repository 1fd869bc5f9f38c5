using AkoActors.Actors.Avi;
using AkoActors.Avi.Errors;
using Xunit;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>How a tree owner answers each kind of failed plan, as a table; and which failures make it read the object again.</summary>
public sealed class PlanFailuresTests
{
    [Theory]
    [InlineData(AviErrorKind.NameConflict, false, PlanFailure.NameTaken)]
    [InlineData(AviErrorKind.NameConflict, true, PlanFailure.Refused)]
    [InlineData(AviErrorKind.Rejected, true, PlanFailure.Refused)]
    [InlineData(AviErrorKind.Rejected, false, PlanFailure.Refused)]
    [InlineData(AviErrorKind.NoFreeIps, false, PlanFailure.NoFreeIps)]
    [InlineData(AviErrorKind.AddressInUse, false, PlanFailure.AddressInUse)]
    [InlineData(AviErrorKind.Stale, true, PlanFailure.Retryable)]
    [InlineData(AviErrorKind.Fenced, true, PlanFailure.Retryable)]
    [InlineData(AviErrorKind.Transient, true, PlanFailure.Retryable)]
    public void Each_failure_kind_gets_its_answer(AviErrorKind kind, bool targetKnown, PlanFailure expected) =>
        Assert.Equal(expected, PlanFailures.Classify(new AviError(kind, 0, "x"), targetKnown));

    [Theory]
    [InlineData(AviErrorKind.Stale, true, true)]
    [InlineData(AviErrorKind.NotFound, true, true)]
    [InlineData(AviErrorKind.Fenced, true, true)]
    [InlineData(AviErrorKind.NameConflict, false, true)]
    [InlineData(AviErrorKind.NameConflict, true, false)]
    [InlineData(AviErrorKind.Rejected, false, false)]
    [InlineData(AviErrorKind.Transient, true, false)]
    public void Changed_gone_fenced_or_name_taken_objects_are_read_again(AviErrorKind kind, bool targetKnown, bool readAgain) =>
        Assert.Equal(readAgain, PlanFailures.ReadsTargetAgain(new AviError(kind, 0, "x"), targetKnown));

    [Theory]
    [InlineData(403, "Forbidden", true)]
    [InlineData(400, "Tenant 'blue' does not exist", true)]
    [InlineData(400, "No available free IPs", false)]
    [InlineData(404, "Tenant 'blue' does not exist", false)]
    public void A_tenant_refusal_is_a_403_or_a_400_naming_a_missing_tenant(int status, string message, bool refusal) =>
        Assert.Equal(refusal, TenantRefusal.Is(new AviError(AviErrorKind.Rejected, status, message)));
}
