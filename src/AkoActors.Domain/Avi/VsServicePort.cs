namespace AkoActors.Domain.Avi;

/// <summary>One <c>services[]</c> entry of a virtual service: a listening port, TLS or not, with an optional per-port network profile.</summary>
public sealed record VsServicePort(int Port, bool EnableSsl = false, string? OverrideNetworkProfile = null);
