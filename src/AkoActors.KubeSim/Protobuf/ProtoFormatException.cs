namespace AkoActors.KubeSim.Protobuf;

/// <summary>A protobuf body that does not parse.</summary>
public sealed class ProtoFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtoFormatException(string message)
        : base(message)
    {
    }
}
