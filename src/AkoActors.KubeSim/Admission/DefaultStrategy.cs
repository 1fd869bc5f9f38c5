namespace AkoActors.KubeSim.Admission;

/// <summary>The strategy of kinds without special rules: DNS-1123 subdomain names, no defaults.</summary>
public sealed class DefaultStrategy : IResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static DefaultStrategy Instance { get; } = new();
}
