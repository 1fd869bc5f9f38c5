using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Admission;

/// <summary>What a strategy may consult while a write is being admitted: the store (under the write lock), the address pools and the clock.</summary>
public sealed class AdmissionContext
{
    internal AdmissionContext(StoreWriter store, ServiceAddressAllocator addresses, TimeProvider clock, bool dryRun)
    {
        Store = store;
        Addresses = addresses;
        Clock = clock;
        DryRun = dryRun;
    }

    /// <summary>The store, read-only use expected.</summary>
    public StoreWriter Store { get; }

    /// <summary>Cluster IP and node port pools.</summary>
    public ServiceAddressAllocator Addresses { get; }

    /// <summary>The clock for timestamps.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Whether the write is a dry run (allocations must not stick).</summary>
    public bool DryRun { get; }
}
