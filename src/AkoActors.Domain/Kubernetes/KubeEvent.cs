namespace AkoActors.Domain.Kubernetes;

/// <summary>A Kubernetes Event to record on an object: Normal for progress, Warning for anything the user must fix.</summary>
public sealed record KubeEvent(string Type, string Reason, string Message)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public static KubeEvent NormalEvent(string reason, string message) => new(Normal, reason, message);

    public static KubeEvent WarningEvent(string reason, string message) => new(Warning, reason, message);
}
