namespace AkoActors.AviSim.Faults;

/// <summary>An injected failure: requests matching method and object type fail with the given status and
/// body at the given rate, optionally only the first <see cref="Count"/> times.</summary>
/// <param name="Method">HTTP method, or <c>*</c>.</param>
/// <param name="ObjectType">Avi object type such as <c>pool</c> (or <c>login</c>), or <c>*</c>.</param>
/// <param name="Rate">Probability in [0, 1] that a matching request fails.</param>
/// <param name="Status">Status code to answer.</param>
/// <param name="Body">Response body (JSON text); defaults to an <c>{"error"}</c> body naming the fault.</param>
/// <param name="Count">Fail at most this many requests, then the rule retires; null for no limit.</param>
public sealed record FaultRule(string Method, string ObjectType, double Rate, int Status, string? Body = null, int? Count = null)
{
    /// <summary>Assigned when the rule is added.</summary>
    public int Id { get; init; }

    public bool Matches(string method, string? objectType) =>
        (Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (ObjectType == "*" || string.Equals(ObjectType, objectType, StringComparison.Ordinal));
}
