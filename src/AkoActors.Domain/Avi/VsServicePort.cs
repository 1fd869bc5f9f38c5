namespace AkoActors.Domain.Avi;

/// <summary>One <c>services[]</c> entry of a virtual service: a listening port, TLS or not, with an optional per-port network profile.</summary>
/// <param name="EnableHttp2">HTTP/2 on this port (<c>enable_http2</c>): an AviInfraSetting listener's <c>enableHTTP2</c>.</param>
public sealed record VsServicePort(int Port, bool EnableSsl = false, string? OverrideNetworkProfile = null, bool EnableHttp2 = false);
