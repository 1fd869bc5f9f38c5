namespace AkoActors.Domain.HostRules;

/// <summary>A HostRule's <c>status</c> as AKO writes it: <c>Accepted</c>, or <c>Rejected</c> with the reason in <c>error</c>.</summary>
public sealed record HostRuleStatus(string Status, string Error)
{
    public const string AcceptedValue = "Accepted";
    public const string RejectedValue = "Rejected";

    public static HostRuleStatus Accepted { get; } = new(AcceptedValue, string.Empty);

    public static HostRuleStatus Rejected(string error) => new(RejectedValue, error);

    public bool IsAccepted => Status == AcceptedValue;
}
