using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Settings;

/// <summary>A network on which Service Engines reach the nodes (one entry of NetworkSettings.nodeNetworkList).</summary>
public sealed record NodeNetwork(string NetworkName, EquatableArray<string> Cidrs);
