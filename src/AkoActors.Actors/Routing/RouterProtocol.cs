namespace AkoActors.Actors.Routing;

/// <summary>Messages to this replica's <see cref="ClusterChangeRouter"/>.</summary>
public static class RouterProtocol
{
    /// <summary>Tell every entity this replica knows of to look again (deleteConfig toggled, controller reachable again).</summary>
    public sealed record WakeAll
    {
        public static WakeAll Instance { get; } = new();
    }

    /// <summary>The controller answers again after failing (or accepts new credentials): wake every owner waiting out a
    /// retry backoff, shared VSes included.</summary>
    public sealed record ControllerAvailable
    {
        public static ControllerAvailable Instance { get; } = new();
    }
}
