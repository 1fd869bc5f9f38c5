namespace AkoActors.Domain.CustomResources;

/// <summary>An AKO custom resource's <c>status</c> as AKO writes it (HostRule, HTTPRule, L4Rule): <c>Accepted</c>, or <c>Rejected</c> with the reason in <c>error</c>.</summary>
public sealed record RuleStatus(string Status, string Error)
{
    public const string AcceptedValue = "Accepted";
    public const string RejectedValue = "Rejected";

    public static RuleStatus Accepted { get; } = new(AcceptedValue, string.Empty);

    public static RuleStatus Rejected(string error) => new(RejectedValue, error);

    public bool IsAccepted => Status == AcceptedValue;
}
