using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Admission;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.CustomResources;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Patching;
using AkoActors.KubeSim.Protobuf;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Registry;

/// <summary>
/// Kubernetes API semantics over the <see cref="ObjectStore"/>: get/list/create/update/patch/delete with preconditions,
/// status and scale subresources, generation, defaulting, validation and allocation. The HTTP layer and the in-process
/// workload controllers both write through it, so every write obeys the same rules.
/// </summary>
public sealed class ResourceRegistry
{
    private const string DefinitionStorage = "customresourcedefinitions.apiextensions.k8s.io";
    private static readonly string[] ProtectedNamespaces = ["default", "kube-system", "kube-public"];
    private readonly ServiceAddressAllocator _addresses;
    private readonly ListSnapshotCache _snapshots;

    /// <summary>Creates the registry; Services already in the store keep their addresses.</summary>
    public ResourceRegistry(ObjectStore store, ResourceCatalog catalog, RegistryOptions options)
    {
        Store = store;
        Catalog = catalog;
        Options = options;
        _addresses = new ServiceAddressAllocator(options.ServiceCidr, options.NodePortMin, options.NodePortMax, options.RandomSeed is { } seed ? new Random(seed) : new Random());
        _snapshots = new ListSnapshotCache(options.Clock, options.ContinueTokenLifetime, 64);
        foreach (var service in store.Snapshot("services").Items.Values)
        {
            ServiceStrategy.Reserve(service.ToJson(), _addresses);
        }
        foreach (var definition in store.Snapshot(DefinitionStorage).Items.Values)
        {
            catalog.SetCustom(definition.Name, CustomResourceTypes.Of(definition.ToJson()));
        }
    }


    /// <summary>The underlying store.</summary>
    public ObjectStore Store { get; }

    /// <summary>The served resources.</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>Registry settings (some are switched by the workload controllers at run time).</summary>
    public RegistryOptions Options { get; }

    /// <summary>The resource for an apiVersion and kind, or 400/404 as kube-apiserver answers.</summary>
    public ResourceType Resolve(string apiVersion, string kind) =>
        Catalog.FindByKind(apiVersion, kind) ?? throw new ApiException(404, "NotFound", $"the server could not find the requested resource (no kind \"{kind}\" is registered for version \"{apiVersion}\")");

    /// <summary>The object as served by <paramref name="type"/> (converted when the storage is shared).</summary>
    public JsonObject Serve(ResourceType type, StoredObject stored) =>
        type.Conversion is { } conversion ? conversion.FromStorage(stored.ToJson()) : stored.ToJson();

    /// <summary>Reads one object; 404 when missing.</summary>
    public JsonObject Get(ResourceType type, string? ns, string name) =>
        Serve(type, Store.Get(type.Storage, Scope(type, ns), name) ?? throw ApiException.NotFound(type.GroupResource, name));

    /// <summary>Reads one object, or null when missing.</summary>
    public JsonObject? TryGet(ResourceType type, string? ns, string name) =>
        Store.Get(type.Storage, Scope(type, ns), name) is { } stored ? Serve(type, stored) : null;

    /// <summary>Lists matching objects (one namespace, or all when <paramref name="ns"/> is null), with paging.</summary>
    public ListPage List(ResourceType type, string? ns, ListQuery query)
    {
        long version;
        System.Collections.Immutable.ImmutableSortedDictionary<string, StoredObject> items;
        string? after = null;
        if (query.Continue is { Length: > 0 } token)
        {
            var decoded = ContinueToken.Decode(token);
            items = _snapshots.Find(type.Storage, decoded.ResourceVersion)
                ?? throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            version = decoded.ResourceVersion;
            after = decoded.LastKey;
        }
        else
        {
            (version, items) = Store.Snapshot(type.Storage);
            if (query.ResourceVersionMatch == "Exact" && long.TryParse(query.ResourceVersion, out var exact) && exact != version)
            {
                throw ApiException.Expired($"too old resource version: {exact} ({version})");
            }
        }
        var scope = ns is null ? null : Scope(type, ns);
        var page = new List<StoredObject>();
        long remaining = 0;
        string? lastKey = null;
        foreach (var (key, obj) in items)
        {
            if (after is not null && string.CompareOrdinal(key, after) <= 0)
            {
                continue;
            }
            if ((scope is not null && obj.Namespace != scope) || !query.Labels.Matches(obj.Labels) || !query.Fields.Matches(f => ObjectFields.Read(obj, f)))
            {
                continue;
            }
            if (query.Limit > 0 && page.Count >= query.Limit)
            {
                remaining++;
                continue;
            }
            page.Add(obj);
            lastKey = key;
        }
        if (remaining == 0)
        {
            return new ListPage(page, version, null, null);
        }
        _snapshots.Remember(type.Storage, version, items);
        return new ListPage(page, version, new ContinueToken(version, lastKey!).Encode(), remaining);
    }

    /// <summary>Creates an object; 409 AlreadyExists, 404 for a missing namespace, 422 for invalid input.</summary>
    public JsonObject Create(ResourceType type, string? ns, JsonObject body, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        var obj = Incoming(type, ns, Declared(type, body, options));
        if (type.ReviewOnly)
        {
            // One bearer token may do everything here, so every access review is allowed (kubectl auth can-i says yes).
            obj["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "KubeSim authorizes every request made with its token" };
            return obj;
        }
        return Store.Write(writer =>
        {
            var context = new AdmissionContext(writer, _addresses, Options.Clock, options.DryRun);
            var strategy = StrategyCatalog.For(type);
            var metadata = obj.EnsureObject("metadata");
            var name = metadata.StringAt("name");
            if (string.IsNullOrEmpty(name) && metadata.StringAt("generateName") is { Length: > 0 } prefix)
            {
                do
                {
                    name = prefix + RandomSuffix.Next();
                }
                while (writer.Get(type.Storage, Scope(type, ns), name) is not null);
                metadata["name"] = name;
            }
            if (string.IsNullOrEmpty(name))
            {
                throw ApiException.Invalid(type.Kind, type.Group, string.Empty, [FieldError.Required("metadata.name", "name or generateName is required")]);
            }
            MetadataRules.Check(type, strategy, obj);
            var scope = Scope(type, metadata.StringAt("namespace"));
            if (type.Namespaced)
            {
                var owner = writer.Get("namespaces", string.Empty, scope);
                if (owner is null)
                {
                    throw ApiException.NotFound("namespaces", scope);
                }
                if (owner.IsTerminating)
                {
                    throw ApiException.Forbidden(type.GroupResource, name, $"unable to create new content in namespace {scope} because it is being terminated");
                }
            }
            if (writer.Get(type.Storage, scope, name) is not null)
            {
                throw ApiException.AlreadyExists(type.GroupResource, name);
            }
            if (metadata.StringAt("resourceVersion") is { Length: > 0 })
            {
                throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
            }
            var givenStatus = obj["status"]?.DeepClone();
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Timestamp();
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("managedFields");
            metadata.Remove("selfLink");
            if (type.HasGeneration)
            {
                metadata["generation"] = 1;
            }
            else
            {
                metadata.Remove("generation");
            }
            strategy.PrepareForCreate(obj, context);
            if (options.PreserveStatus && givenStatus is not null)
            {
                obj["status"] = givenStatus;
            }
            Reject(type, name, strategy.Validate(obj, null));
            strategy.Allocate(obj, null, context);
            if (options.DryRun)
            {
                return Outgoing(type, obj);
            }
            return Serve(type, Put(type, writer, obj));
        });
    }

    /// <summary>Replaces an object (PUT) or, with <paramref name="status"/>, only its status; 409 on a stale resourceVersion.</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, bool status = false, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        var obj = Incoming(type, ns, Declared(type, body, options));
        if (obj.StringAt("metadata", "name") is { } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        obj.EnsureObject("metadata")["name"] = name;
        return Store.Write(writer =>
        {
            var current = writer.Get(type.Storage, Scope(type, ns), name);
            if (current is null)
            {
                if (type.AllowCreateOnUpdate && !status)
                {
                    obj.EnsureObject("metadata").Remove("resourceVersion");
                    return Create(type, ns, Outgoing(type, obj), options);
                }
                throw ApiException.NotFound(type.GroupResource, name);
            }
            return Replace(type, writer, current, obj, status, options);
        });
    }

    /// <summary>Patches an object (or its status) with a merge, JSON or strategic merge patch.</summary>
    public JsonObject Patch(ResourceType type, string? ns, string name, PatchType patchType, JsonNode? patch, bool status = false, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        return Store.Write(writer =>
        {
            var current = writer.Get(type.Storage, Scope(type, ns), name) ?? throw ApiException.NotFound(type.GroupResource, name);
            var served = Serve(type, current);
            if (type.Custom is not null && patchType == PatchType.StrategicMerge)
            {
                // Custom resources have no Go type to carry merge keys, so kube-apiserver refuses strategic merge patches.
                throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
            }
            var patched = ApplyPatch(served, patchType, patch, type.Kind);
            return Replace(type, writer, current, Incoming(type, ns, Declared(type, patched, options)), status, options);
        });
    }

    /// <summary>Deletes an object: at once, or marked terminating while finalizers or a grace period remain.</summary>
    public DeleteOutcome Delete(ResourceType type, string? ns, string name, DeleteRequest? request = null)
    {
        request ??= DeleteRequest.Default;
        return Store.Write(writer =>
        {
            var current = writer.Get(type.Storage, Scope(type, ns), name) ?? throw ApiException.NotFound(type.GroupResource, name);
            if (request.PreconditionUid is { } uid && uid != current.Uid)
            {
                throw ApiException.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
            }
            if (request.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ResourceVersion}");
            }
            if (type.Storage == "namespaces")
            {
                return DeleteNamespace(type, writer, current, request);
            }
            var obj = current.ToJson();
            var metadata = obj.EnsureObject("metadata");
            var finalizers = metadata["finalizers"] as JsonArray ?? new JsonArray();
            var changed = false;
            if (Options.GarbageCollectorRunning && !current.IsTerminating)
            {
                var gcFinalizer = request.PropagationPolicy switch
                {
                    "Orphan" => "orphan",
                    "Foreground" => "foregroundDeletion",
                    _ => null,
                };
                if (gcFinalizer is not null && !finalizers.Any(f => (string?)f == gcFinalizer))
                {
                    finalizers.Add(gcFinalizer);
                    changed = true;
                }
            }
            if (type.Storage == "pods" && Options.PodTerminationDelay > TimeSpan.Zero && request.GracePeriodSeconds != 0 &&
                obj.StringAt("spec", "nodeName") is { Length: > 0 } && !current.IsTerminating && finalizers.Count == 0)
            {
                metadata["deletionTimestamp"] = Timestamp(Options.PodTerminationDelay);
                metadata["deletionGracePeriodSeconds"] = (long)Math.Ceiling(Options.PodTerminationDelay.TotalSeconds);
                return new DeleteOutcome(Serve(type, request.DryRun ? StoredObject.Capture(type.Storage, obj) : writer.Put(type.Storage, obj)), Pending: true);
            }
            if (finalizers.Count > 0)
            {
                metadata["finalizers"] = finalizers;
                if (!current.IsTerminating)
                {
                    metadata["deletionTimestamp"] = Timestamp();
                    metadata["deletionGracePeriodSeconds"] = 0;
                    changed = true;
                }
                var body = request.DryRun || !changed ? obj : Serve(type, writer.Put(type.Storage, obj));
                return new DeleteOutcome(body, Pending: true);
            }
            return new DeleteOutcome(RemoveNow(type, writer, current, request.DryRun), Pending: false);
        });
    }

    /// <summary>The autoscaling/v1 Scale of a Deployment or ReplicaSet.</summary>
    public JsonObject GetScale(ResourceType type, string ns, string name) => ScaleView.Of(Get(type, ns, name));

    /// <summary>Sets spec.replicas through the scale subresource; 409 on a stale resourceVersion.</summary>
    public JsonObject UpdateScale(ResourceType type, string ns, string name, JsonObject scale, WriteOptions? options = null) =>
        Store.Write(writer =>
        {
            var current = writer.Get(type.Storage, ns, name) ?? throw ApiException.NotFound(type.GroupResource, name);
            if (scale.StringAt("metadata", "resourceVersion") is { Length: > 0 } rv && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type.GroupResource, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
            var replicas = scale.LongAt("spec", "replicas");
            if (replicas is null or < 0)
            {
                throw ApiException.Invalid("Scale", "autoscaling", name, [FieldError.Invalid("spec.replicas", scale.At("spec", "replicas"), "must be greater than or equal to 0")]);
            }
            var obj = current.ToJson();
            obj.EnsureObject("spec")["replicas"] = replicas;
            return ScaleView.Of(Replace(type, writer, current, obj, status: false, options ?? WriteOptions.Default));
        });

    /// <summary>Patches the Scale of a Deployment or ReplicaSet.</summary>
    public JsonObject PatchScale(ResourceType type, string ns, string name, PatchType patchType, JsonNode? patch, WriteOptions? options = null) =>
        Store.Write(_ =>
        {
            var scale = GetScale(type, ns, name);
            var patched = ApplyPatch(scale, patchType, patch, "Scale");
            return UpdateScale(type, ns, name, patched, options);
        });

    private JsonObject Replace(ResourceType type, StoreWriter writer, StoredObject current, JsonObject next, bool status, WriteOptions options)
    {
        var name = current.Name;
        var old = current.ToJson();
        var metadata = next.EnsureObject("metadata");
        if (metadata.StringAt("resourceVersion") is { Length: > 0 } rv && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(type.GroupResource, name, "the object has been modified; please apply your changes to the latest version and try again");
        }
        if (metadata.StringAt("uid") is { Length: > 0 } uid && uid != current.Uid)
        {
            throw ApiException.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }
        var strategy = StrategyCatalog.For(type);
        var context = new AdmissionContext(writer, _addresses, Options.Clock, options.DryRun);
        var oldMetadata = old.EnsureObject("metadata");
        if (status)
        {
            // Status writes take only the status: metadata and spec stay as stored (ResetObjectMetaForStatus).
            var updated = old.CloneObject();
            if (next["status"] is { } newStatus)
            {
                updated["status"] = newStatus.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }
            next = updated;
            metadata = next.EnsureObject("metadata");
        }
        else
        {
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
            {
                if (oldMetadata[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }
            metadata.Remove("managedFields");
            metadata.Remove("selfLink");
            if (type.HasStatus)
            {
                if (old["status"] is { } oldStatus)
                {
                    next["status"] = oldStatus.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
            MetadataRules.Check(type, strategy, next);
            strategy.PrepareForUpdate(next, old, context);
            Reject(type, name, strategy.Validate(next, old));
            if (type.HasGeneration && !SameWithoutMetadataAndStatus(next, old))
            {
                metadata["generation"] = (old.LongAt("metadata", "generation") ?? 0) + 1;
            }
        }
        metadata["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (current.IsTerminating && next.ArrayAt("metadata", "finalizers").Any() == false && type.Storage != "pods")
        {
            return RemoveNow(type, writer, current, options.DryRun);
        }
        if (!status)
        {
            strategy.Allocate(next, old, context);
        }
        if (next.SameAs(old) || options.DryRun)
        {
            return Outgoing(type, next);
        }
        return Serve(type, Put(type, writer, next));
    }

    // Stores an object; a CustomResourceDefinition starts (or changes) serving its resources in the same step.
    private StoredObject Put(ResourceType type, StoreWriter writer, JsonObject obj)
    {
        var stored = writer.Put(type.Storage, obj);
        if (type.Storage == DefinitionStorage)
        {
            Catalog.SetCustom(stored.Name, CustomResourceTypes.Of(obj));
        }
        return stored;
    }

    private JsonObject RemoveNow(ResourceType type, StoreWriter writer, StoredObject current, bool dryRun)
    {
        var obj = current.ToJson();
        if (dryRun)
        {
            return type.ReturnsDeletedObject ? Outgoing(type, obj) : StatusBody.Success(current.Name, type.Group, type.Plural, current.Uid);
        }
        var context = new AdmissionContext(writer, _addresses, Options.Clock, dryRun);
        StrategyCatalog.For(type.Storage).Release(obj, context);
        if (type.Storage == DefinitionStorage)
        {
            RemoveCustomResources(writer, current.Name);
        }
        var removed = writer.Remove(current);
        return type.ReturnsDeletedObject ? Serve(type, removed) : StatusBody.Success(current.Name, type.Group, type.Plural, current.Uid);
    }

    // kube-apiserver's CRD finalizer deletes every custom resource before the definition goes; here in the same step.
    private void RemoveCustomResources(StoreWriter writer, string definition)
    {
        var served = Catalog.All.FirstOrDefault(r => r.Custom?.Definition == definition);
        if (served is not null)
        {
            foreach (var member in writer.List(served.Storage).Values.ToList())
            {
                RemoveNow(served, writer, member, dryRun: false);
            }
        }
        Catalog.SetCustom(definition, []);
    }

    private DeleteOutcome DeleteNamespace(ResourceType type, StoreWriter writer, StoredObject current, DeleteRequest request)
    {
        if (ProtectedNamespaces.Contains(current.Name))
        {
            throw ApiException.Forbidden(type.GroupResource, current.Name, "this namespace may not be deleted");
        }
        if (request.DryRun)
        {
            return new DeleteOutcome(current.ToJson(), Pending: true);
        }
        // kube-apiserver marks the namespace Terminating and its controller empties it; here both happen in one step.
        var obj = current.ToJson();
        obj.EnsureObject("metadata")["deletionTimestamp"] ??= Timestamp();
        obj.EnsureObject("status")["phase"] = "Terminating";
        var terminating = current.IsTerminating ? current : writer.Put(type.Storage, obj);
        foreach (var resource in Catalog.All.Where(r => r.Namespaced).DistinctBy(r => r.Storage))
        {
            foreach (var member in writer.List(resource.Storage).Values.Where(o => o.Namespace == current.Name).ToList())
            {
                RemoveNow(resource, writer, member, dryRun: false);
            }
        }
        return new DeleteOutcome(RemoveNow(type, writer, terminating, dryRun: false), Pending: false);
    }

    /// <summary>Values of the wrong JSON type are 400 in every mode; undeclared fields are 400 under Strict, dropped under Warn (reported) and Ignore — as the real decoder does.</summary>
    private static JsonObject Declared(ResourceType type, JsonObject body, WriteOptions options)
    {
        if (type.Custom is { } custom)
        {
            return DeclaredBySchema(type, custom.Schema, body, options);
        }
        if (FieldSchema.FindTypeError(type, body) is { } typeError)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {typeError}");
        }
        var unknown = FieldSchema.FindUnknown(type, body);
        if (unknown.Count == 0)
        {
            return body;
        }
        if (options.FieldValidation == "Strict")
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""))}");
        }
        var pruned = body.CloneObject();
        foreach (var field in FieldSchema.Prune(type, pruned))
        {
            if (options.FieldValidation == "Warn")
            {
                options.Warn?.Invoke($"unknown field \"{field}\"");
            }
        }
        return pruned;
    }

    /// <summary>Custom resources: fields their schema does not declare are 400 under Strict, pruned under Warn (reported) and Ignore.</summary>
    private static JsonObject DeclaredBySchema(ResourceType type, StructuralSchema schema, JsonObject body, WriteOptions options)
    {
        var pruned = body.CloneObject();
        var unknown = schema.Prune(pruned, remove: true);
        if (unknown.Count > 0 && options.FieldValidation == "Strict")
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""))}");
        }
        if (options.FieldValidation == "Warn")
        {
            foreach (var field in unknown)
            {
                options.Warn?.Invoke($"unknown field \"{field}\"");
            }
        }
        return pruned;
    }

    private static JsonObject ApplyPatch(JsonObject served, PatchType patchType, JsonNode? patch, string kind)
    {
        var result = patchType switch
        {
            PatchType.Merge => JsonMergePatch.Apply(served, patch),
            PatchType.Json => JsonPatch.Apply(served, patch),
            _ => StrategicMergePatch.Apply(served, patch, kind),
        };
        return result as JsonObject ?? throw ApiException.BadRequest("the patch did not produce an object");
    }

    private JsonObject Incoming(ResourceType type, string? ns, JsonObject body)
    {
        var apiVersion = body.StringAt("apiVersion");
        var kind = body.StringAt("kind");
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion ?? "<none>"}) and kind ({kind ?? "<none>"}) do not match the expected API version ({type.ApiVersion}) and kind ({type.Kind}) of the resource {type.GroupResource}");
        }
        var obj = body.CloneObject();
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        if (obj["metadata"] is not null and not JsonObject)
        {
            throw ApiException.BadRequest("metadata must be an object");
        }
        var metadata = obj.EnsureObject("metadata");
        if (type.Namespaced)
        {
            var bodyNamespace = metadata.StringAt("namespace");
            if (ns is not null && bodyNamespace is { Length: > 0 } && bodyNamespace != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            metadata["namespace"] = ns ?? (string.IsNullOrEmpty(bodyNamespace) ? "default" : bodyNamespace);
        }
        else
        {
            metadata.Remove("namespace");
        }
        // Reorder so kind and apiVersion lead, as the real server serializes.
        var ordered = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion };
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "kind" or "apiVersion")
            {
                continue;
            }
            obj.Remove(key);
            ordered[key] = value;
        }
        if (type.Conversion is { } conversion)
        {
            ordered = conversion.ToStorage(ordered);
        }
        return ordered;
    }

    private static JsonObject Outgoing(ResourceType type, JsonObject stored) =>
        type.Conversion is { } conversion ? conversion.FromStorage(stored) : stored;

    private static void Reject(ResourceType type, string name, IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        if (list.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, type.Group, name, list);
        }
    }

    private static bool SameWithoutMetadataAndStatus(JsonObject a, JsonObject b)
    {
        static JsonObject Strip(JsonObject o)
        {
            var copy = o.CloneObject();
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }
        return Strip(a).SameAs(Strip(b));
    }

    private static string Scope(ResourceType type, string? ns) => type.Namespaced ? ns ?? "default" : string.Empty;

    private string Timestamp(TimeSpan? offset = null) =>
        (Options.Clock.GetUtcNow() + (offset ?? TimeSpan.Zero)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
