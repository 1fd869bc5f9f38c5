namespace AkoActors.Actors.Avi;

/// <summary>How a tree owner answers a plan the controller did not complete (see <see cref="PlanFailures.Classify"/>).</summary>
public enum PlanFailure
{
    /// <summary>A POST found the name taken by an object this owner did not know: read it, and the next pass decides as a
    /// name collision (it is never written). Not counted as a failure.</summary>
    NameTaken,

    /// <summary>The controller refused the request (400 rejected, or 409 on an object this owner knows): the refused part is
    /// set aside if the owner can, else the tree is blocked until the input changes.</summary>
    Refused,

    /// <summary>No free address in the IPAM network: the user is told; retried slowly and when a VIP is released.</summary>
    NoFreeIps,

    /// <summary>The address asked for is another VIP's: the owner may give it up, else the user is told.</summary>
    AddressInUse,

    /// <summary>Anything else (unreachable, 412, 404, fenced, 5xx): retried with back-off from the newest state.</summary>
    Retryable,
}
