using k8s;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>One bad input of the corpus: the Kubernetes objects that make it up, the Warning event it must produce and
/// what must (not) reach the Avi controller.</summary>
/// <param name="Id">Stable, readable case id (<c>service/sctp-only/2</c>), printed on failure.</param>
/// <param name="Reason">The Warning event's reason; every reason has a row in the README's table.</param>
/// <param name="Target">The object the Warning is recorded on.</param>
/// <param name="Mentions">Text the message must contain: the object, the problem, the fix.</param>
/// <param name="Objects">What is sent through the Kubernetes API, in order (deleted in reverse order afterwards).</param>
public sealed record BadInputCase(string Id, string Reason, EventTarget Target, IReadOnlyList<string> Mentions, IReadOnlyList<IKubernetesObject> Objects)
{
    /// <summary>The valid part of the input is still served: this object (a Service or an Ingress) must get an address.</summary>
    public EventTarget? ServedStatusOn { get; init; }

    /// <summary>Text that must appear nowhere in the controller's state while the input exists (a refused host, an SCTP pool),
    /// and that is gone with everything else of the case after it is deleted.</summary>
    public IReadOnlyList<string> NeverOnAvi { get; init; } = [];

    /// <summary>Text that appears in the controller's state only for this case's objects (its namespace, its hosts); none of
    /// it may remain once the case is deleted.</summary>
    public IReadOnlyList<string> GoneAfterDelete { get; init; } = [];

    /// <summary>The case's AviInfraSetting corrected: applied once the Warning is seen, after which that setting must report
    /// <c>status.status: Accepted</c> (a Rejected resource is fixed by editing it, not by re-creating it).</summary>
    public AviInfraSettingObject? Fixed { get; init; }

    public override string ToString() => Id;
}

/// <summary>The object an event is about, as <c>involvedObject</c> names it.</summary>
public sealed record EventTarget(string Kind, string? Namespace, string Name)
{
    /// <summary>Where the controller records the event (cluster-scoped objects' events go to <c>default</c>).</summary>
    public string EventNamespace => Namespace ?? "default";

    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
