namespace AkoActors.KubeSim.Profiles;

/// <summary>An IngressClass to seed, as an ingress controller's Helm chart creates it.</summary>
public sealed record IngressClassProfile(string Name, string Controller, bool IsDefault);
