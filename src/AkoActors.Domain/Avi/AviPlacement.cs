namespace AkoActors.Domain.Avi;

/// <summary>Where on the controller a tree lives: cloud, VRF context and Service Engine group (all referred to by name).</summary>
public sealed record AviPlacement(string CloudName, string VrfName, string ServiceEngineGroupName);
