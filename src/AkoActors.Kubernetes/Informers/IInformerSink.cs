namespace AkoActors.Kubernetes.Informers;

/// <summary>Receives what an informer learns: whole lists after (re)listing, then single upserts and deletes from the watch.</summary>
public interface IInformerSink<in TObject>
{
    /// <summary>The complete current set, replacing everything known before (first list, or relist after 410).</summary>
    void Replace(IReadOnlyCollection<TObject> items);

    void Upsert(TObject item);

    void Delete(TObject item);
}
