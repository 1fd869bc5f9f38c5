namespace AkoActors.KubeSim.Tables;

/// <summary>A column of a meta.k8s.io/v1 Table; priority 0 columns show by default, higher ones only with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type = "string", string Format = "", int Priority = 0, string Description = "");
