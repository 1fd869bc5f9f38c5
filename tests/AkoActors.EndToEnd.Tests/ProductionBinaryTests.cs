using System.Reflection;
using AkoActors.Hosting;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 12: the controller's executable (and so its image) carries neither simulator; the demo is its own
/// entry point.</summary>
public sealed class ProductionBinaryTests
{
    private static readonly string[] Simulators = ["AkoActors.KubeSim", "AkoActors.AviSim"];

    [Fact]
    public void The_controller_assembly_and_everything_it_references_name_no_simulator()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(ControllerHost).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("AkoActors", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(reference.Name, Simulators);
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        Assert.Contains("AkoActors.Actors", seen);
        Assert.Contains("AkoActors.Kubernetes", seen);
    }

    [Fact]
    public void The_controller_project_references_no_simulator_project_and_the_dockerfile_publishes_only_it()
    {
        var root = RepositoryRoot();
        var project = File.ReadAllText(Path.Combine(root, "src", "AkoActors", "AkoActors.csproj"));
        foreach (var simulator in Simulators) Assert.DoesNotContain(simulator, project, StringComparison.Ordinal);

        var dockerfile = File.ReadAllLines(Path.Combine(root, "deploy", "Dockerfile"));
        var publishes = dockerfile.Where(l => l.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        Assert.Equal(["RUN dotnet publish src/AkoActors/AkoActors.csproj -c Release -o /app"], publishes);
        // The build stage copies exactly the controller's project closure: enough to publish it, no simulator.
        var copied = dockerfile.Where(l => l.StartsWith("COPY src/", StringComparison.Ordinal)).Select(l => l.Split(' ')[1].TrimEnd('/')).Order().ToList();
        Assert.Equal(ProjectClosure(root, "src/AkoActors").Order().ToList(), copied);
    }

    private static IEnumerable<string> ProjectClosure(string root, string projectFolder)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([projectFolder]);
        while (pending.TryPop(out var folder))
        {
            if (!found.Add(folder)) continue;
            var project = System.Xml.Linq.XDocument.Load(Path.Combine(root, folder, Path.GetFileName(folder) + ".csproj"));
            foreach (var reference in project.Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(root, folder, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(root, Path.GetDirectoryName(path)!).Replace('\\', '/'));
            }
        }
        return found;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AkoActors.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no AkoActors.sln above {AppContext.BaseDirectory}");
    }
}
