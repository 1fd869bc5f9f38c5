namespace AkoActors.Domain.InfraSettings;

/// <summary>An AviInfraSetting a Service or Ingress asks for, and where it is named (for the messages that explain why it
/// is or is not applied).</summary>
/// <param name="Source">"annotation … on Service ns/name", "spec.parameters of IngressClass x", "annotation … on Namespace ns".</param>
public sealed record InfraSettingRequest(string Name, string Source)
{
    /// <summary>Named on the Namespace: AKO then leaves the setting's name out of the shared VS names.</summary>
    public bool FromNamespace { get; init; }
}
