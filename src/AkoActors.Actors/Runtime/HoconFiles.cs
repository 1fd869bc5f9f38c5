using Akka.Configuration;

namespace AkoActors.Actors.Runtime;

/// <summary>The Akka tuning files from <c>/hocon</c>, embedded in this assembly so every host and test loads the same ones.</summary>
public static class HoconFiles
{
    public const string Controller = "ako-actors.conf";

    public static Config Load(string name)
    {
        using var stream = typeof(HoconFiles).Assembly.GetManifestResourceStream($"hocon/{name}")
            ?? throw new FileNotFoundException($"hocon/{name} is not embedded in {typeof(HoconFiles).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
