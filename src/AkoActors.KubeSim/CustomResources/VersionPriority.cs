using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>
/// Kubernetes' version priority (v2 &gt; v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha1 &gt; other names alphabetically): the
/// order in which discovery lists a group's versions, the first being the preferred one kubectl uses.
/// </summary>
public sealed partial class VersionPriority : IComparer<JsonObject>
{
    /// <summary>The shared comparer over CRD version entries (by their <c>name</c>).</summary>
    public static VersionPriority Comparer { get; } = new();

    /// <inheritdoc />
    public int Compare(JsonObject? x, JsonObject? y) => CompareNames(x.StringAt("name") ?? string.Empty, y.StringAt("name") ?? string.Empty);

    /// <summary>Negative when <paramref name="a"/> has the higher priority.</summary>
    public static int CompareNames(string a, string b)
    {
        var (ka, kb) = (Key(a), Key(b));
        var byKey = kb.Rank.CompareTo(ka.Rank);
        if (byKey != 0)
        {
            return byKey;
        }
        if (ka.Rank == 0)
        {
            return string.CompareOrdinal(a, b);
        }
        var byMajor = kb.Major.CompareTo(ka.Major);
        return byMajor != 0 ? byMajor : kb.Minor.CompareTo(ka.Minor);
    }

    // Rank: 3 GA, 2 beta, 1 alpha, 0 not a Kubernetes version name.
    private static (int Rank, int Major, int Minor) Key(string name)
    {
        var match = VersionName().Match(name);
        if (!match.Success)
        {
            return (0, 0, 0);
        }
        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return match.Groups[2].Value switch
        {
            "beta" => (2, major, minor),
            "alpha" => (1, major, minor),
            _ => (3, major, 0),
        };
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex VersionName();
}
