using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Selectors;

/// <summary>A conjunction of <c>field=value</c> / <c>field!=value</c> clauses over the fields a resource supports (metadata.name and metadata.namespace everywhere).</summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> clauses)
    {
        Clauses = clauses;
    }

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The clauses, all of which must hold.</summary>
    public IReadOnlyList<(string Field, bool Equal, string Value)> Clauses { get; }

    /// <summary>Whether there are no clauses.</summary>
    public bool IsEmpty => Clauses.Count == 0;

    /// <summary>The value an <c>=</c> clause requires for a field, if any (used to narrow a watch to one name).</summary>
    public string? RequiredValue(string field) => Clauses.FirstOrDefault(c => c.Field == field && c.Equal).Value;

    /// <summary>Whether an object with these field values satisfies every clause (a missing field reads as empty).</summary>
    public bool Matches(Func<string, string?> fieldValue) =>
        Clauses.All(c => string.Equals(fieldValue(c.Field) ?? string.Empty, c.Value, StringComparison.Ordinal) == c.Equal);

    /// <summary>Parses <c>a=b,c!=d</c>; fields not in <paramref name="supported"/> are refused with 400 like the real server.</summary>
    public static FieldSelector Parse(string? text, IReadOnlySet<string> supported)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var clauses = new List<(string, bool, string)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at;
            bool equal;
            int skip;
            if ((at = part.IndexOf("!=", StringComparison.Ordinal)) > 0)
            {
                equal = false;
                skip = 2;
            }
            else if ((at = part.IndexOf("==", StringComparison.Ordinal)) > 0)
            {
                equal = true;
                skip = 2;
            }
            else if ((at = part.IndexOf('=', StringComparison.Ordinal)) > 0)
            {
                equal = true;
                skip = 1;
            }
            else
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }
            var field = part[..at].Trim();
            if (!supported.Contains(field))
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }
            clauses.Add((field, equal, part[(at + skip)..].Trim()));
        }
        return new FieldSelector(clauses);
    }
}
