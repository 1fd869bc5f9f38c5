namespace AkoActors.Domain.Kubernetes;

/// <summary>An int-or-string port (a Service targetPort or an Ingress backend port): a number or a port name.</summary>
public sealed record PortReference(int? Number, string? Name)
{
    public static PortReference OfNumber(int number) => new(number, null);

    public static PortReference OfName(string name) => new(null, name);

    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "<none>";
}
