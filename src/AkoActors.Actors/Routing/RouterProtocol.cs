namespace AkoActors.Actors.Routing;

/// <summary>Messages to this replica's <see cref="ClusterChangeRouter"/>.</summary>
public static class RouterProtocol
{
    /// <summary>Tell every entity this replica knows of to look again (deleteConfig toggled, controller reachable again).</summary>
    public sealed record WakeAll
    {
        public static WakeAll Instance { get; } = new();
    }
}
