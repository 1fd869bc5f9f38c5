namespace AkoActors.AviSim.Store;

/// <summary>A request the controller refuses: carries the HTTP status and the text that goes into the
/// <c>{"error": ...}</c> body, so every refusal path produces the controller's wire shape.</summary>
internal sealed class AviRequestException(int status, string error) : Exception(error)
{
    public int Status { get; } = status;

    public static AviRequestException BadRequest(string error) => new(400, error);

    public static AviRequestException NotFound(AviObjectType type) => new(404, $"{type.DisplayName} object not found!");
}
