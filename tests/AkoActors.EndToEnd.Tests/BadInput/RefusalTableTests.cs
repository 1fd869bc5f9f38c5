using System.Text.RegularExpressions;
using AkoActors.EndToEnd.Tests.Deployment;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>The README's table of refusal reasons says exactly what the corpus shows: every reason a case produces has a
/// row, and every row is produced by at least one case, on the kind of object the row names.</summary>
public sealed partial class RefusalTableTests
{
    [Fact]
    public void The_readme_table_lists_exactly_the_reasons_the_corpus_shows_on_the_objects_it_names()
    {
        using var certificates = new TestCertificates();
        var cases = BadInputCorpus.All(certificates, DateTimeOffset.UtcNow);
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Refused input", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = Row().Matches(section).ToDictionary(m => m.Groups["reason"].Value, m => m.Groups["on"].Value);

        var shown = cases.GroupBy(c => c.Reason).ToDictionary(g => g.Key, g => g.Select(c => c.Target.Kind).Distinct().ToList());
        Assert.Equal(shown.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (reason, kinds) in shown)
        {
            // A reason shown on several kinds lists them all ("Service, Ingress"); a kind may add words ("ConfigMap `avi-k8s-config`").
            var listed = rows[reason].Split(", ");
            Assert.All(kinds, kind => Assert.Contains(listed, on => on.StartsWith(kind, StringComparison.Ordinal)));
        }
    }

    [GeneratedRegex(@"^\| `(?<reason>[A-Za-z0-9]+)` \| (?<on>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
