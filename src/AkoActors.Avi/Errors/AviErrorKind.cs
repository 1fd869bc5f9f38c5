namespace AkoActors.Avi.Errors;

/// <summary>How a failed controller call is handled (AKO's classification, ako-behaviour.md §7).</summary>
public enum AviErrorKind
{
    /// <summary>401 after one re-login: session trouble that persisted.</summary>
    Unauthorized,

    /// <summary>401 "Invalid credentials" at login: back off and wait for a changed Secret.</summary>
    InvalidCredentials,

    /// <summary>409 on POST: an object with that name exists.</summary>
    NameConflict,

    /// <summary>412: the object changed since it was read.</summary>
    Stale,

    /// <summary>404: the object is gone.</summary>
    NotFound,

    /// <summary>400 "No available free IPs": retry slowly and tell the user.</summary>
    NoFreeIps,

    /// <summary>409 "IP … is already allocated to …": the address asked for is another VIP's (an address conflict, not a
    /// name conflict); try again when an address is released.</summary>
    AddressInUse,

    /// <summary>Any other 4xx: the input is wrong; do not retry until it changes.</summary>
    Rejected,

    /// <summary>A newer owner incarnation has written the object (its epoch stamp is larger than ours): this owner lost
    /// ownership and must not write it again.</summary>
    Fenced,

    /// <summary>5xx, timeouts, connection errors: retry with backoff.</summary>
    Transient,
}
