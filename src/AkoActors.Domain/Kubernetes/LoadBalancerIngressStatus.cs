namespace AkoActors.Domain.Kubernetes;

/// <summary>One entry of status.loadBalancer.ingress on a Service or an Ingress.</summary>
public sealed record LoadBalancerIngressStatus(string? Ip, string? Hostname);
