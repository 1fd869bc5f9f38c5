namespace AkoActors.Hosting;

/// <summary>Namespace and name of a Secret.</summary>
public sealed record SecretName(string Namespace, string Name)
{
    /// <summary>AKO's controller credentials Secret in the namespace the controller runs in.</summary>
    public static SecretName AviSecret(string ns) => new(ns, "avi-secret");

    public override string ToString() => $"{Namespace}/{Name}";
}
