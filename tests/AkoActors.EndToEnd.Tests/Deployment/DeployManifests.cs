using System.Text.RegularExpressions;
using AkoActors.Testing.Kubectl;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>The repository's <c>deploy/</c> as <c>kubectl kustomize deploy/</c> renders it, one document per object.</summary>
public sealed partial class DeployManifests
{
    private DeployManifests(IReadOnlyList<Document> documents) => Documents = documents;

    /// <summary>Kinds KubeSim does not serve yet (RBAC and disruption budgets); they are rendered and checked, not applied.</summary>
    public static readonly IReadOnlySet<string> NotServedBySimulator = new HashSet<string>(StringComparer.Ordinal)
    {
        "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "PodDisruptionBudget",
    };

    public IReadOnlyList<Document> Documents { get; }

    public static async Task<DeployManifests> RenderAsync(KubectlRunner kubectl)
    {
        var rendered = (await kubectl.RunAsync("kustomize", RepositoryPaths.DeployDirectory)).EnsureSuccess().StandardOutput;
        var documents = rendered.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => new Document(
                KindLine().Match(text) is { Success: true } kind ? kind.Groups[1].Value : throw new FormatException($"a rendered document has no kind:\n{text}"),
                NameLine().Match(text) is { Success: true } name ? name.Groups[1].Value : throw new FormatException($"a rendered document has no name:\n{text}"),
                text))
            .ToList();
        return new DeployManifests(documents);
    }

    /// <summary>Applies every document whose kind the server lists in its discovery (<c>kubectl api-resources</c>) and
    /// returns the kinds it left out.</summary>
    public async Task<IReadOnlySet<string>> ApplyServedAsync(KubectlRunner kubectl)
    {
        var served = (await kubectl.RunAsync("api-resources", "--no-headers")).EnsureSuccess().Lines
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .ToHashSet(StringComparer.Ordinal);
        var applied = Documents.Where(d => served.Contains(d.Kind)).ToList();
        (await kubectl.RunWithInputAsync(string.Join("\n---\n", applied.Select(d => d.Yaml)), "apply", "-f", "-")).EnsureSuccess();
        return Documents.Select(d => d.Kind).Where(k => !served.Contains(k)).ToHashSet(StringComparer.Ordinal);
    }

    public Document Single(string kind, string name) => Documents.Single(d => d.Kind == kind && d.Name == name);

    /// <summary>One rendered object.</summary>
    public sealed record Document(string Kind, string Name, string Yaml);

    [GeneratedRegex(@"^kind: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^metadata:\n(?:  .*\n)*?  name: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
