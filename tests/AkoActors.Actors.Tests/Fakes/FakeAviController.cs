using System.Collections.Concurrent;
using System.Globalization;
using Akka.Actor;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>An in-memory controller behind the gateway interface: it answers like the real gateway does, and lets a test
/// hold, fail or count any call (the probe-backed fake the style guide asks for).</summary>
public sealed class FakeAviController(IActorRef? probe = null) : IAviGateway
{
    private readonly object _lock = new();
    private readonly Dictionary<AviRef, AviObjectState> _objects = [];
    private int _nextVip = 1;
    private long _stamp = 1_000_000;

    public ConcurrentQueue<AviOperation> Writes { get; } = new();

    public ConcurrentQueue<IReadOnlyCollection<AviRef>> Reads { get; } = new();

    /// <summary>Runs before an operation takes effect: await to hold it, throw an <see cref="AviApiException"/> to fail it.</summary>
    public Func<AviOperation, Task>? BeforeApply { get; set; }

    /// <summary>Runs before a read answers: await to hold it, throw to fail it.</summary>
    public Func<IReadOnlyCollection<AviRef>, Task>? BeforeRead { get; set; }

    public int WriteCount => Writes.Count;

    public IReadOnlyList<AviOperation> WritesOf(string type) => Writes.Where(w => w.Target.Type == type).ToList();

    public AviObjectState? Get(string type, string name)
    {
        lock (_lock) return _objects.GetValueOrDefault(new AviRef(type, name));
    }

    public IReadOnlyList<AviObjectState> All()
    {
        lock (_lock) return _objects.Values.ToList();
    }

    /// <summary>Puts an object on the controller as if someone (us earlier, AKO, a user) had made it.</summary>
    public AviObjectState Seed(AviObjectSpec spec)
    {
        lock (_lock) return Store(spec, null);
    }

    public async Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken)
    {
        Reads.Enqueue(refs);
        if (BeforeRead is { } hook) await hook(refs).ConfigureAwait(false);
        lock (_lock) return refs.Select(r => _objects.GetValueOrDefault(r)).OfType<AviObjectState>().ToList();
    }

    public async Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken)
    {
        if (BeforeApply is { } hook) await hook(operation).ConfigureAwait(false);
        AviObjectState? result;
        lock (_lock)
        {
            result = operation switch
            {
                CreateOperation create when _objects.TryGetValue(create.Target, out var existing) && (!OwnedByC1(existing) || ClaimedByOther(existing, create.Spec))
                    => throw new AviApiException(new AviError(AviErrorKind.NameConflict, 409, $"{create.Target} already exists"), "POST", create.Target.Type),
                UpdateOperation update when _objects.TryGetValue(update.Target, out var existing) && existing.Epoch > context.Epoch
                    => throw new AviApiException(new AviError(AviErrorKind.Fenced, 412, $"{update.Target} was written by a newer owner"), "PUT", update.Target.Type),
                CreateOperation create => Store(create.Spec, _objects.GetValueOrDefault(create.Target), context.Epoch),
                UpdateOperation update => Store(update.Spec, _objects.GetValueOrDefault(update.Target), context.Epoch),
                DeleteOperation delete => Remove(delete.Target),
                _ => throw new NotSupportedException(operation.GetType().Name),
            };
            Writes.Enqueue(operation);
        }
        probe?.Tell(new Applied(operation));
        return result;
    }

    private static bool OwnedByC1(AviObjectState state) => new AviOwnership("c1").Owns(state.Spec);

    /// <summary>As the real gateway: a 409 is adopted only when the existing object claims the same Kubernetes object (or none).</summary>
    private static bool ClaimedByOther(AviObjectState existing, AviObjectSpec wanted) =>
        AviClaim.Of(existing.Spec) is { Kind: not AviClaimKind.None } theirs && theirs != AviClaim.Of(wanted);

    /// <summary>Rewrites an object as another owner incarnation would (a successor after a failover), with its epoch stamp.</summary>
    public AviObjectState WriteAsOtherOwner(AviObjectSpec spec, long epoch)
    {
        lock (_lock) return Store(spec, _objects.GetValueOrDefault(spec.Ref), epoch);
    }

    private AviObjectState? Remove(AviRef target)
    {
        _objects.Remove(target);
        return null;
    }

    private AviObjectState Store(AviObjectSpec spec, AviObjectState? existing, long? epoch = null)
    {
        if (spec is VsVipSpec vip)
        {
            var address = vip.PreferredIp ?? (existing?.Spec as VsVipSpec)?.AllocatedIp ?? $"172.16.251.{_nextVip++}";
            spec = vip with { AllocatedIp = address };
        }
        var state = new AviObjectState(spec, existing?.Uuid ?? $"{spec.Type}-{Guid.NewGuid()}", (++_stamp).ToString(CultureInfo.InvariantCulture), null, epoch);
        _objects[spec.Ref] = state;
        return state;
    }

    /// <summary>Told to the probe after each write took effect.</summary>
    public sealed record Applied(AviOperation Operation);
}
