namespace AkoActors.Domain.Kubernetes;

/// <summary>One entry of a Node's status.addresses (type InternalIP, ExternalIP, Hostname...).</summary>
public sealed record NodeAddressSpec(string Type, string Address);
