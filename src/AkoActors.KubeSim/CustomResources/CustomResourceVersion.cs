using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>What one served version of a CustomResourceDefinition adds to a resource: the CRD it comes from, its schema and its <c>additionalPrinterColumns</c>.</summary>
public sealed record CustomResourceVersion(string Definition, StructuralSchema Schema, IReadOnlyList<JsonObject> PrinterColumns);
