namespace AkoActors.Domain.Translation;

/// <summary>Something about a Kubernetes object the controller cannot do as asked; becomes a Warning event naming the fix.</summary>
/// <param name="Reason">The event reason, CamelCase as Kubernetes events use (e.g. <c>UnsupportedProtocol</c>).</param>
public sealed record UserProblem(string Reason, string Message)
{
    /// <summary>The one object (<c>namespace/name</c>) the problem is about, when one owner reports for several (a shared-VIP
    /// group's members); null: every object the owner reports to.</summary>
    public string? Subject { get; init; }

    public override string ToString() => $"{Reason}: {Message}";
}
