namespace AkoActors.AviSim.Faults;

/// <summary>The knobs that make the simulated controller slow, busy, failing or down — settable from tests
/// in-process or over <c>/sim/</c>.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Random _random;
    private int _nextId;
    private volatile LatencyModel _latency = LatencyModel.None;
    private volatile ControllerDownMode _down = ControllerDownMode.Up;

    internal FaultInjector(int? seed)
    {
        _random = seed is null ? new Random() : new Random(seed.Value);
    }

    internal ConcurrencyGate Gate { get; } = new();

    public LatencyModel Latency
    {
        get => _latency;
        set => _latency = value ?? LatencyModel.None;
    }

    /// <summary>Most API requests processed at once; excess requests wait. 0 = unlimited.</summary>
    public int MaxConcurrentRequests
    {
        get => Gate.Capacity;
        set => Gate.Capacity = value;
    }

    public ControllerDownMode Down
    {
        get => _down;
        set => _down = value;
    }

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules.ToArray();
            }
        }
    }

    /// <summary>Adds a rule and returns it with its id.</summary>
    public FaultRule AddRule(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Rate is < 0 or > 1 || double.IsNaN(rule.Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "rate must be within [0, 1]");
        }
        if (rule.Status is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "status must be an HTTP status code");
        }
        lock (_gate)
        {
            var added = rule with { Id = ++_nextId };
            _rules.Add(added);
            return added;
        }
    }

    public bool RemoveRule(int id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void ClearRules()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Back to a healthy controller: no latency, no rules, no cap, up.</summary>
    public void Clear()
    {
        ClearRules();
        Latency = LatencyModel.None;
        MaxConcurrentRequests = 0;
        Down = ControllerDownMode.Up;
    }

    internal TimeSpan NextLatency()
    {
        var model = _latency;
        if (model == LatencyModel.None)
        {
            return TimeSpan.Zero;
        }
        lock (_gate)
        {
            return model.Sample(_random);
        }
    }

    /// <summary>The rule that fails this request, if any (consumes one of its <see cref="FaultRule.Count"/>).</summary>
    internal FaultRule? Draw(string method, string? objectType)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, objectType) || _random.NextDouble() >= rule.Rate)
                {
                    continue;
                }
                if (rule.Count is { } count)
                {
                    if (count <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = rule with { Count = count - 1 };
                    }
                }
                return rule;
            }
            return null;
        }
    }
}
