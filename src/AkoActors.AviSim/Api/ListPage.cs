namespace AkoActors.AviSim.Api;

/// <summary>One page of a filtered collection: the total match count and this page's objects.</summary>
internal sealed record ListPage(int Count, IReadOnlyList<ObjectView> Results, bool HasNext);
