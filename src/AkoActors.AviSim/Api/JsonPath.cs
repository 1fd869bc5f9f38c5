namespace AkoActors.AviSim.Api;

/// <summary>Builds the field paths (<c>vip[0].ip_address.addr</c>) that error messages point at.</summary>
internal static class JsonPath
{
    public static string Property(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
