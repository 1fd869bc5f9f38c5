namespace AkoActors.Domain.Kubernetes;

/// <summary>The key a certificate was decided with cannot be fetched any more (Secret deleted or rotated between the decision
/// and the write); the message names the Secret and what happens next.</summary>
public sealed class TlsKeyUnavailableException(string message) : Exception(message);
