using Xunit;

// Each simulation runs 2-3 replica processes on a 2-core machine shared with other builds: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
