using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Selectors;

/// <summary>A conjunction of label requirements, parsed from the <c>labelSelector</c> query syntax or from a metav1.LabelSelector object.</summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The selector that matches nothing (a null metav1.LabelSelector).</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The clauses, all of which must hold.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>Whether this selector can match no object at all.</summary>
    public bool MatchesNothing { get; }

    /// <summary>Whether the selector has no clauses (and so matches everything).</summary>
    public bool IsEmpty => !MatchesNothing && Requirements.Count == 0;

    /// <summary>Whether a label set satisfies every clause.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !MatchesNothing && Requirements.All(r => r.Matches(labels));

    /// <summary>A selector that requires exactly these labels (Service.spec.selector semantics).</summary>
    public static LabelSelector FromMap(IReadOnlyDictionary<string, string> map) =>
        new(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new LabelRequirement(p.Key, LabelOperator.In, [p.Value])).ToList());

    /// <summary>A metav1.LabelSelector object (matchLabels + matchExpressions); null matches nothing, empty matches everything.</summary>
    public static LabelSelector FromObject(JsonNode? selector)
    {
        if (selector is not JsonObject obj)
        {
            return Nothing;
        }
        var requirements = FromMap(obj.StringMapAt("matchLabels")).Requirements.ToList();
        foreach (var expression in obj.ArrayAt("matchExpressions"))
        {
            var key = expression.StringAt("key") ?? string.Empty;
            var values = expression.ArrayAt("values").Select(v => v?.GetValue<string>() ?? string.Empty).ToList();
            var op = expression.StringAt("operator") switch
            {
                "In" => LabelOperator.In,
                "NotIn" => LabelOperator.NotIn,
                "Exists" => LabelOperator.Exists,
                "DoesNotExist" => LabelOperator.DoesNotExist,
                var other => throw ApiException.BadRequest($"\"{other}\" is not a valid label selector operator"),
            };
            requirements.Add(new LabelRequirement(key, op, values));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>Parses the query syntax; throws 400 BadRequest on syntax errors.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var parser = new LabelSelectorParser(text);
        return new LabelSelector(parser.Parse());
    }

    /// <summary>The query syntax form, e.g. <c>app=nginx1</c>.</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.Operator switch
    {
        LabelOperator.In when r.Values.Count == 1 => $"{r.Key}={r.Values[0]}",
        LabelOperator.NotIn when r.Values.Count == 1 => $"{r.Key}!={r.Values[0]}",
        LabelOperator.In => $"{r.Key} in ({string.Join(",", r.Values)})",
        LabelOperator.NotIn => $"{r.Key} notin ({string.Join(",", r.Values)})",
        LabelOperator.Exists => r.Key,
        _ => "!" + r.Key,
    }));
}
