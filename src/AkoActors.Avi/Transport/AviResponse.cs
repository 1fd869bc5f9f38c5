namespace AkoActors.Avi.Transport;

/// <summary>A controller answer: status and body text (JSON on every path this client uses).</summary>
public sealed record AviResponse(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
