namespace AkoActors.Domain.Avi;

/// <summary>One <c>datascript[]</c> entry of a datascript set: the event it runs on and its Lua text.</summary>
public sealed record DataScript(string Event, string Script);
