using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Api;

/// <summary>The collection query a client sent (filters, paging, projection), parsed once and kept whole so
/// that the <c>next</c> link can repeat every filter.</summary>
internal sealed class ListQuery
{
    public const int DefaultPageSize = 25;

    public int Page { get; private init; } = 1;

    public int PageSize { get; private init; } = DefaultPageSize;

    public string? Name { get; private init; }

    public IReadOnlySet<string>? NameIn { get; private init; }

    public string? NameContains { get; private init; }

    public string? CreatedBy { get; private init; }

    public string? CloudName { get; private init; }

    public string? CloudUuid { get; private init; }

    public string? VrfName { get; private init; }

    public string? SeGroupName { get; private init; }

    public string? LabelKey { get; private init; }

    public string? LabelValue { get; private init; }

    public bool IncludeName { get; private init; }

    /// <summary>Top-level fields to return (plus <c>url</c> and <c>uuid</c>), or null for all.</summary>
    public IReadOnlySet<string>? Fields { get; private init; }

    /// <summary>Every parameter except <c>page</c>, in arrival order, for building <c>next</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> CarriedParameters { get; private init; } = [];

    public static ListQuery Parse(IQueryCollection query)
    {
        string? Single(string key) => query.TryGetValue(key, out var values) ? values.ToString() : null;
        var pageText = Single("page");
        var pageSizeText = Single("page_size");
        var page = 1;
        var pageSize = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageText) &&
            (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw Store.AviRequestException.BadRequest($"Invalid page '{pageText}': expected a positive integer");
        }
        if (!string.IsNullOrEmpty(pageSizeText) &&
            (!int.TryParse(pageSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            throw Store.AviRequestException.BadRequest($"Invalid page_size '{pageSizeText}': expected a positive integer");
        }
        var nameIn = Single("name.in");
        var fields = Single("fields");
        var cloudUuid = Single("cloud_ref.uuid");
        if (string.IsNullOrEmpty(cloudUuid))
        {
            cloudUuid = Single("cloud_uuid");
        }
        return new ListQuery
        {
            Page = page,
            PageSize = pageSize,
            Name = NullIfEmpty(Single("name")),
            NameIn = string.IsNullOrEmpty(nameIn) ? null : SplitList(nameIn),
            NameContains = NullIfEmpty(Single("name.contains")),
            CreatedBy = NullIfEmpty(Single("created_by")),
            CloudName = NullIfEmpty(Single("cloud_ref.name")),
            CloudUuid = NullIfEmpty(cloudUuid),
            VrfName = NullIfEmpty(Single("vrf_context_ref.name")),
            SeGroupName = NullIfEmpty(Single("se_group_ref.name")),
            LabelKey = NullIfEmpty(Single("label_key")),
            LabelValue = NullIfEmpty(Single("label_value")),
            IncludeName = IsFlagSet(query, "include_name"),
            Fields = string.IsNullOrEmpty(fields) ? null : SplitList(fields),
            CarriedParameters = query
                .Where(kv => kv.Key != "page")
                .SelectMany(kv => kv.Value.Count == 0
                    ? [new KeyValuePair<string, string?>(kv.Key, null)]
                    : kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
                .ToList(),
        };
    }

    /// <summary>A flag parameter is on when present bare (<c>include_name</c>), empty (<c>include_name=</c>) or
    /// truthy; <c>false</c>/<c>0</c> turn it off.</summary>
    public static bool IsFlagSet(IQueryCollection query, string key)
    {
        if (!query.TryGetValue(key, out var values))
        {
            return false;
        }
        var value = values.ToString();
        return !(value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static HashSet<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
