using AkoActors.Testing.Fixtures;

namespace AkoActors.Deploy.Tests;

/// <summary>Where the chart, the test's own values files, the expected manifests and the shared AKO values fixtures are.</summary>
public static class ChartFiles
{
    /// <summary>Release and namespace as the README installs it.</summary>
    public const string Release = "ako-actors";

    public const string Namespace = "avi-system";

    public static string Chart =>
        Path.Combine(SharedFolder.RepositoryRoot ?? throw new InvalidOperationException("the tests run outside a checkout (no AkoActors.sln above them)"),
            "deploy", "helm", "ako-actors");

    /// <summary>A values file kept with the tests (Values/), so a clone without ../shared still renders a real file.</summary>
    public static string TestValues(string fileName) => Path.Combine(AppContext.BaseDirectory, "Values", fileName);

    public static string Expected(string fileName) => Path.Combine(AppContext.BaseDirectory, "Expected", fileName);

    /// <summary>One of AKO's values files in ../shared/fixtures/ako-values, skipping the test loudly when it is absent.</summary>
    public static string AkoValuesFixture(string fileName)
    {
        var path = SharedFolder.Path is { } shared ? Path.Combine(shared, "fixtures", "ako-values", fileName) : null;
        Skip.If(path is null || !File.Exists(path),
            $"SKIPPED: ../shared/fixtures/ako-values/{fileName} not found next to the repository (looked from {SharedFolder.RepositoryRoot ?? AppContext.BaseDirectory}); " +
            "the comparison with AKO's own values files cannot run without it.");
        return path!;
    }
}
