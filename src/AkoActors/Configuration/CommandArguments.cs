namespace AkoActors.Configuration;

/// <summary>A command line as <c>verb --option value --flag</c>; options may repeat (<c>--seed a --seed b</c>).</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandArguments(string verb) => Verb = verb;

    public string Verb { get; }

    /// <param name="flags">Options that take no value.</param>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var verb = args.Count > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var parsed = new CommandArguments(verb);
        for (var i = verb == "run" && (args.Count == 0 || args[0].StartsWith('-')) ? 0 : 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{name}' (options start with --)");
            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
                continue;
            }
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value");
            if (!parsed._options.TryGetValue(name, out var values)) parsed._options[name] = values = [];
            values.Add(args[++i]);
        }
        return parsed;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public string? Value(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    public IReadOnlyList<string> Values(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public int Int(string name, int fallback)
    {
        var text = Value(name);
        if (text is null) return fallback;
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{name} needs a non-negative number, not '{text}'");
    }

    /// <summary>Fails on options nobody asked for, so a typo is an error instead of a silently ignored setting.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option {string.Join(", ", unknown)}");
    }
}
