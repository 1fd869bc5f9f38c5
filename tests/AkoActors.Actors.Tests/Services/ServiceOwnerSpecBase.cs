using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Domain.Collections;
using AkoActors.Testing.Cluster;

namespace AkoActors.Actors.Tests.Services;

/// <summary>What every Service-owner spec starts from: a scripted controller, a recording Kubernetes writer, a ready
/// runtime of cluster <c>c1</c>, and retries fast enough for a test.</summary>
public abstract class ServiceOwnerSpecBase : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.loglevel = INFO
        """);

    protected ServiceOwnerSpecBase() : this(TestConfig)
    {
    }

    /// <summary>With settings of a spec's own on top (a log level, say).</summary>
    protected ServiceOwnerSpecBase(string hocon) : this(ConfigurationFactory.ParseString(hocon).WithFallback(TestConfig))
    {
    }

    private ServiceOwnerSpecBase(Config config) : base(config)
    {
        Writes = CreateTestProbe();
        KubeProbe = CreateTestProbe();
        ParentProbe = CreateTestProbe();
        Avi = new FakeAviController(Writes);
        Kube = new RecordingKubernetesWriter(KubeProbe, Cluster);
        Runtime = new ControllerRuntime(L4Objects.Settings, "test") { ClusterStateSynced = () => Cluster.IsSynced };
        Runtime.SetEnvironment(new[] { "ako.example.com" }.ToEquatableArray(), "ENTERPRISE");
    }

    protected static RetryPolicy FastRetries { get; } = new()
    {
        MinBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        NoFreeIpsRetry = TimeSpan.FromMilliseconds(300),
        InvalidCredentialsRetry = TimeSpan.FromMilliseconds(300),
    };

    protected InMemoryClusterState Cluster { get; } = new();

    protected FakeAviController Avi { get; }

    protected RecordingKubernetesWriter Kube { get; }

    protected ControllerRuntime Runtime { get; }

    /// <summary>Told each write after it took effect.</summary>
    protected TestProbe Writes { get; }

    /// <summary>Told each status patch and event.</summary>
    protected TestProbe KubeProbe { get; }

    /// <summary>Stands in for the shard: told what the entity sends its parent, and when it stopped.</summary>
    protected TestProbe ParentProbe { get; }
}
