namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>Where the repository's deploy manifests and the replica executable of this build are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DeployDirectory => Path.Combine(Root, "deploy");

    /// <summary>The controller built alongside these tests (same configuration), run as <c>dotnet AkoActors.dll run</c>.</summary>
    public static string ReplicaDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(Root, "src", "AkoActors", "bin", configuration, "net10.0", "AkoActors.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The replica executable {dll} is missing; build src/AkoActors ({configuration}) first");
        }
    }

    /// <summary>What deploy/Dockerfile's ENTRYPOINT puts after <c>dotnet AkoActors.dll</c>, so a test runs the container's
    /// command line exactly: entrypoint, then the pod's args.</summary>
    public static IReadOnlyList<string> EntrypointArguments
    {
        get
        {
            var line = File.ReadLines(Path.Combine(DeployDirectory, "Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
            var entrypoint = System.Text.Json.JsonSerializer.Deserialize<string[]>(line["ENTRYPOINT ".Length..])!;
            return entrypoint is ["dotnet", "AkoActors.dll", .. var rest]
                ? rest
                : throw new FormatException($"deploy/Dockerfile's ENTRYPOINT is not [\"dotnet\", \"AkoActors.dll\", ...]: {line}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AkoActors.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No AkoActors.sln above {AppContext.BaseDirectory}");
    }
}
