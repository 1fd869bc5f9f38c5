using System.Text.RegularExpressions;
using AkoActors.Testing.Kubectl;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>The repository's <c>deploy/</c> as <c>kubectl kustomize deploy/</c> renders it, one document per object.</summary>
public sealed partial class DeployManifests
{
    private DeployManifests(IReadOnlyList<Document> documents) => Documents = documents;

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

    /// <summary>Applies everything rendered, as <c>kubectl apply -k deploy/</c> would.</summary>
    public async Task ApplyAsync(KubectlRunner kubectl) =>
        (await kubectl.RunWithInputAsync(string.Join("\n---\n", Documents.Select(d => d.Yaml)), "apply", "-f", "-")).EnsureSuccess();

    public Document Single(string kind, string name) => Documents.Single(d => d.Kind == kind && d.Name == name);

    /// <summary>One rendered object.</summary>
    public sealed record Document(string Kind, string Name, string Yaml);

    [GeneratedRegex(@"^kind: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex KindLine();

    [GeneratedRegex(@"^metadata:\n(?:  .*\n)*?  name: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
