using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Avi.Gateway;

/// <summary>Merges the reads of many tree owners into few list requests: while a read of one object type is in flight,
/// every name asked for meanwhile waits and goes out together in the next one.</summary>
/// <remarks>When a replica starts (or takes over shards), thousands of owners read their trees at once; without this,
/// each would cost one request per object type. Self-clocking, so an idle system still answers a single read at once.
/// Writes pass straight through.</remarks>
public sealed class BatchingAviGateway(IAviGateway inner) : IAviGateway
{
    private readonly Dictionary<(string Tenant, string Type), TypeBatcher> _batchers = [];

    public async Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken)
    {
        var reads = refs.Distinct()
            .GroupBy(r => r.Type)
            .Select(group => BatcherFor(context.Tenant, group.Key).ReadAsync(group.Select(r => r.Name).ToList()))
            .ToList();
        var results = await Task.WhenAll(reads).ConfigureAwait(false);
        return results.SelectMany(r => r).ToList();
    }

    public Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken) =>
        inner.ApplyAsync(operation, context, cancellationToken);

    private TypeBatcher BatcherFor(string tenant, string type)
    {
        lock (_batchers)
        {
            if (!_batchers.TryGetValue((tenant, type), out var batcher))
            {
                _batchers[(tenant, type)] = batcher = new TypeBatcher(inner, type, new AviCallContext(tenant, $"read/{type}"));
            }
            return batcher;
        }
    }

    /// <summary>The queue of names waiting to be read for one tenant and type, and the one pump that reads them.</summary>
    private sealed class TypeBatcher(IAviGateway inner, string type, AviCallContext context)
    {
        /// <summary>Names per batch: a few list requests' worth (the inner gateway chunks them to keep URLs short).</summary>
        private const int MaxNamesPerBatch = 500;

        private readonly object _lock = new();
        private readonly List<Waiter> _waiting = [];
        private bool _pumping;

        public Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyList<string> names)
        {
            var waiter = new Waiter(names);
            lock (_lock)
            {
                _waiting.Add(waiter);
                if (_pumping) return waiter.Completion.Task;
                _pumping = true;
            }
            _ = Task.Run(PumpAsync);
            return waiter.Completion.Task;
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                List<Waiter> batch;
                lock (_lock)
                {
                    if (_waiting.Count == 0)
                    {
                        _pumping = false;
                        return;
                    }
                    batch = TakeBatch();
                }
                try
                {
                    var names = batch.SelectMany(w => w.Names).Distinct(StringComparer.Ordinal).Select(n => new AviRef(type, n)).ToList();
                    var found = (await inner.ReadAsync(names, context, CancellationToken.None).ConfigureAwait(false))
                        .ToDictionary(s => s.Ref.Name, StringComparer.Ordinal);
                    foreach (var waiter in batch)
                    {
                        waiter.Completion.TrySetResult(waiter.Names.Select(n => found.GetValueOrDefault(n)).OfType<AviObjectState>().ToList());
                    }
                }
                catch (Exception exception)
                {
                    foreach (var waiter in batch) waiter.Completion.TrySetException(exception);
                }
            }
        }

        private List<Waiter> TakeBatch()
        {
            var batch = new List<Waiter>();
            var names = 0;
            while (_waiting.Count > 0 && (batch.Count == 0 || names + _waiting[0].Names.Count <= MaxNamesPerBatch))
            {
                names += _waiting[0].Names.Count;
                batch.Add(_waiting[0]);
                _waiting.RemoveAt(0);
            }
            return batch;
        }

        private sealed class Waiter(IReadOnlyList<string> names)
        {
            public IReadOnlyList<string> Names { get; } = names;

            public TaskCompletionSource<IReadOnlyList<AviObjectState>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
