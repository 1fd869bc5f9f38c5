namespace AkoActors.Simulation.Replicas;

/// <summary>Where the controller executable a simulation starts as replica processes is: the one built in this checkout
/// (<c>src/AkoActors/bin/&lt;configuration&gt;/net10.0/AkoActors.dll</c>), run by the same <c>dotnet</c> as this process.</summary>
public static class ReplicaExecutable
{
    /// <summary>The <c>dotnet</c> host running this process (the SDK sets DOTNET_HOST_PATH under <c>dotnet test</c>/<c>run</c>).</summary>
    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The directory holding AkoActors.sln above this assembly or the current directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AkoActors.sln"))) return dir.FullName;
            }
        }
        throw new ArgumentException("cannot find the repository root (AkoActors.sln) above the running assembly or the current directory");
    }

    /// <summary>The configuration this library was built in: replicas run the controller built alongside it.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The controller of this build's configuration in the checkout; throws naming the build command when missing.</summary>
    public static string Default()
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "AkoActors", "bin", Configuration, "net10.0", "AkoActors.dll");
        return File.Exists(dll)
            ? dll
            : throw new ArgumentException($"the replica executable {dll} does not exist; build it (dotnet build -c {Configuration} src/AkoActors)");
    }
}
