namespace AkoActors.Domain.Avi;

/// <summary>A network the settings name by <c>networkName</c> or by <c>networkUUID</c> (AKO accepts either and prefers the
/// uuid): referred to by uuid when one is given, else by name, and compared the same way, because what the controller
/// reads back carries both.</summary>
public sealed record AviNetworkRef(string Name, string? Uuid)
{
    /// <summary>True when <paramref name="actual"/> (read from the controller) is this network.</summary>
    public bool IsSatisfiedBy(AviNetworkRef actual) => Uuid is null ? Name == actual.Name : Uuid == actual.Uuid;

    /// <summary>How a user recognises it in a message.</summary>
    public override string ToString() => Uuid is null ? Name : $"{Name} (uuid {Uuid})".TrimStart();
}
