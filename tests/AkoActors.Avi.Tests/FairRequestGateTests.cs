using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Tests;

/// <summary>The request gate: a bound on requests in flight, priorities first, then turns between namespaces.</summary>
public sealed class FairRequestGateTests
{
    [Fact]
    public async Task A_flooding_namespace_waits_behind_itself_and_others_get_every_other_slot()
    {
        var gate = new FairRequestGate(1);
        var holder = await gate.EnterAsync("busy");
        var order = new List<string>();
        var waits = new List<Task>();
        for (var i = 0; i < 5; i++) waits.Add(Track(gate.EnterAsync("busy"), $"busy{i}", order));
        waits.Add(Track(gate.EnterAsync("quiet"), "quiet0", order));
        waits.Add(Track(gate.EnterAsync("quiet"), "quiet1", order));

        holder.Dispose();
        await Task.WhenAll(waits);

        Assert.Equal(["busy0", "quiet0", "busy1", "quiet1", "busy2", "busy3", "busy4"], order);
        Assert.Equal((0, 0), (gate.InFlight, gate.Waiting));
    }

    [Fact]
    public async Task Higher_priorities_are_served_first_whatever_their_namespace()
    {
        var gate = new FairRequestGate(1);
        var holder = await gate.EnterAsync("a");
        var order = new List<string>();
        var waits = new List<Task>
        {
            Track(gate.EnterAsync("a", priority: 0), "read", order),
            Track(gate.EnterAsync("b", priority: 1), "wave1", order),
            Track(gate.EnterAsync("c", priority: 3), "wave3", order),
            Track(gate.EnterAsync("a", priority: 2), "wave2", order),
        };

        holder.Dispose();
        await Task.WhenAll(waits);

        Assert.Equal(["wave3", "wave2", "wave1", "read"], order);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next()
    {
        var gate = new FairRequestGate(1);
        var holder = await gate.EnterAsync("a");
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync("a", cancellationToken: cancel.Token).AsTask();
        var next = gate.EnterAsync("b").AsTask();

        await cancel.CancelAsync();
        holder.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await next).Dispose();
        Assert.Equal((0, 0), (gate.InFlight, gate.Waiting));
    }

    private static async Task Track(ValueTask<IDisposable> entry, string name, List<string> order)
    {
        using var slot = await entry;
        lock (order) order.Add(name);
    }
}
