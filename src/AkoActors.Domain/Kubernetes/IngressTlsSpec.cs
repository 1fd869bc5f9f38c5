using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Kubernetes;

/// <summary>One spec.tls entry: hosts served with the certificate in a TLS Secret.</summary>
public sealed record IngressTlsSpec(EquatableArray<string> Hosts, string? SecretName);
