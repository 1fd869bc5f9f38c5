using System.Text.Json.Nodes;
using Xunit;

namespace AkoActors.Testing.Fixtures;

/// <summary>Finds the project's <c>../shared</c> folder (specs and recorded third-party fixtures, which are
/// read in place and never copied into the repository) from wherever the tests run.</summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(() => FindRepositoryRoot(AppContext.BaseDirectory));

    /// <summary>The directory holding <c>AkoActors.sln</c>, or null when the tests run outside a checkout.</summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary><c>../shared</c> next to the repository, or null when it is absent (e.g. a fresh clone).</summary>
    public static string? Path =>
        RepositoryRoot is { } root && Directory.Exists(System.IO.Path.Combine(root, "..", "shared"))
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"))
            : null;

    /// <summary><c>../shared/fixtures/avi</c>, or null when absent.</summary>
    public static string? AviFixtures =>
        Path is { } shared && Directory.Exists(System.IO.Path.Combine(shared, "fixtures", "avi"))
            ? System.IO.Path.Combine(shared, "fixtures", "avi")
            : null;

    /// <summary>Skips the calling test, loudly, when the recorded Avi fixtures are not available.</summary>
    public static string RequireAviFixtures()
    {
        Skip.If(AviFixtures is null,
            $"SKIPPED: ../shared/fixtures/avi not found next to the repository (looked from {RepositoryRoot ?? AppContext.BaseDirectory}); " +
            "the golden-shape comparison against recorded controller responses cannot run without it.");
        return AviFixtures!;
    }

    /// <summary>Reads one recorded Avi response (skipping the test when the fixtures are absent).</summary>
    public static JsonNode LoadAviFixture(string fileName)
    {
        var folder = RequireAviFixtures();
        var path = System.IO.Path.Combine(folder, fileName);
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary><c>../shared/fixtures/ako-made</c> (what VMware AKO wrote for the seed scenario), skipping the calling test
    /// loudly when it is absent.</summary>
    public static string RequireAkoMadeFixtures()
    {
        var folder = Path is { } shared ? System.IO.Path.Combine(shared, "fixtures", "ako-made") : null;
        Skip.If(folder is null || !File.Exists(System.IO.Path.Combine(folder, "avi-state.json")),
            $"SKIPPED: ../shared/fixtures/ako-made/avi-state.json not found next to the repository (looked from {RepositoryRoot ?? AppContext.BaseDirectory}); " +
            "the tests against the state AKO recorded cannot run without it.");
        return folder!;
    }

    /// <summary>AviSim's <c>/sim/state</c> dump after AKO ran (type → objects), skipping the test when it is absent.</summary>
    public static JsonObject LoadAkoMadeAviState() =>
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RequireAkoMadeFixtures(), "avi-state.json")))?.AsObject()
        ?? throw new InvalidDataException("ako-made/avi-state.json is empty");

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AkoActors.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
