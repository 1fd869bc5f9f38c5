namespace AkoActors.Domain.InfraSettings;

/// <summary>One <c>spec.network.listeners</c> entry of an AviInfraSetting: an extra port on the L7 VSes it serves.</summary>
public sealed record InfraListener(int Port, bool EnableSsl, bool EnableHttp2);
