using AkoActors.Kubernetes.Informers;

namespace AkoActors.Kubernetes.Cache;

/// <summary>An informer sink built from three functions, so each resource's wiring reads in one place.</summary>
internal sealed class DelegateSink<TObject>(
    Action<IReadOnlyCollection<TObject>> replace, Action<TObject> upsert, Action<TObject> delete) : IInformerSink<TObject>
{
    public void Replace(IReadOnlyCollection<TObject> items) => replace(items);

    public void Upsert(TObject item) => upsert(item);

    public void Delete(TObject item) => delete(item);
}
