using System.Text.Json.Nodes;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Ipam;
using AkoActors.AviSim.Rules;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>The controller's object semantics over the store: create/replace/delete with ref resolution,
/// name uniqueness, optimistic concurrency on <c>_last_modified</c>, referential integrity, per-type rules,
/// and filtered, paged reads. Every operation holds the store gate for its whole duration, so the checks and
/// the commit see one state and a refused write changes nothing.</summary>
internal sealed class ObjectService
{
    private readonly ObjectStore _store;
    private readonly LastModifiedClock _clock;
    private readonly VipAllocator _allocator;
    private readonly DnsRecordTable _dns;
    private readonly RefResolver _refs;
    private readonly DefaultRefs _defaults;
    private readonly DerivedFields _derived;
    private readonly Dictionary<string, ObjectRules> _rules;
    private readonly VsVipRules _vsvipRules;
    private readonly DnsProfileRules _dnsProfiles;
    private readonly TenantDirectory _tenants;

    public ObjectService(ObjectStore store, LastModifiedClock clock, VipAllocator allocator, DnsRecordTable dns)
    {
        _store = store;
        _clock = clock;
        _allocator = allocator;
        _dns = dns;
        var clouds = new CloudDirectory(store);
        _refs = new RefResolver(store);
        _tenants = new TenantDirectory(store);
        _defaults = new DefaultRefs(clouds);
        var virtualServices = new VirtualServiceRules(store);
        _derived = new DerivedFields(store, virtualServices, dns);
        _vsvipRules = new VsVipRules(store, allocator, dns, clouds);
        _dnsProfiles = new DnsProfileRules("cloud", clouds, dns);
        Clouds = clouds;
        _rules = new ObjectRules[]
        {
            virtualServices, _vsvipRules, new PoolRules(), new PoolGroupRules(), new VrfContextRules(), new CertificateRules(),
            _dnsProfiles, new DnsProfileRules("ipamdnsproviderprofile", clouds, dns), new TenantRules(),
        }.ToDictionary(r => r.TypeName, StringComparer.Ordinal);
    }

    public CloudDirectory Clouds { get; }

    public ObjectStore Store => _store;

    /// <summary>Maps <c>X-Avi-Tenant</c> / <c>X-Avi-Tenant-UUID</c> to a scope for <paramref name="user"/>
    /// (null = no restriction, as for the simulator's own seeding); see <see cref="TenantDirectory"/>.</summary>
    public TenantScope ResolveTenant(string? tenantName, string? tenantUuid, AviSimUser? user = null)
    {
        lock (_store.Gate)
        {
            return _tenants.Resolve(tenantName, tenantUuid, user);
        }
    }

    public ObjectView Get(AviObjectType type, string uuid, TenantScope scope)
    {
        lock (_store.Gate)
        {
            var stored = Visible(type, uuid, scope);
            return new ObjectView(stored, _derived.For(stored));
        }
    }

    public ListPage List(AviObjectType type, ListQuery query, TenantScope scope)
    {
        lock (_store.Gate)
        {
            var filter = new ListFilter(_store, query, scope);
            var matches = filter.Candidates(type).Where(filter.Matches);
            var count = 0;
            var page = new List<ObjectView>(Math.Min(query.PageSize, 1000));
            var skip = (long)(query.Page - 1) * query.PageSize;
            foreach (var stored in matches)
            {
                if (count >= skip && page.Count < query.PageSize)
                {
                    page.Add(new ObjectView(stored, _derived.For(stored)));
                }
                count++;
            }
            return new ListPage(count, page, skip + page.Count < count);
        }
    }

    public ObjectView Create(AviObjectType type, JsonObject body, TenantScope scope, string? fixedUuid = null)
    {
        BodyValidator.Validate(type, body);
        lock (_store.Gate)
        {
            var tenantUuid = TenantOfNewObject(type, body, scope);
            var uuid = fixedUuid ?? NewUuid(type, body);
            if (_store.TryGet(uuid, out _))
            {
                throw new AviRequestException(409, $"{type.DisplayName} with uuid '{uuid}' already exists");
            }
            return Write(type, body, previous: null, tenantUuid, uuid);
        }
    }

    public ObjectView Replace(AviObjectType type, string uuid, JsonObject body, TenantScope scope)
    {
        lock (_store.Gate)
        {
            var previous = Writable(type, uuid, scope);
            if (body["_last_modified"] is JsonValue sent && sent.TryGetValue<string>(out var lastModified) &&
                lastModified != previous.LastModified)
            {
                throw new AviRequestException(412, $"Need to reload object data {type.DisplayName}");
            }
            if (type.Singleton)
            {
                body["name"] ??= previous.Document["name"]?.DeepClone();
            }
            BodyValidator.Validate(type, body);
            return Write(type, body, previous, previous.TenantUuid, uuid);
        }
    }

    /// <summary>Avi's PATCH: <c>{"add": {...}}</c> appends to arrays (sets scalars), <c>{"replace": {...}}</c>
    /// sets fields, <c>{"delete": {...}}</c> removes matching array elements (or fields); the result is
    /// written like a PUT, including the <c>_last_modified</c> check when the patch carries one.</summary>
    public ObjectView Patch(AviObjectType type, string uuid, JsonObject patch, TenantScope scope)
    {
        var unknown = patch.Select(kv => kv.Key).Where(k => k is not ("add" or "replace" or "delete" or "_last_modified")).ToList();
        if (unknown.Count > 0 || patch.Count == 0)
        {
            throw AviRequestException.BadRequest("PATCH body must hold 'add', 'replace' and/or 'delete' objects");
        }
        lock (_store.Gate)
        {
            var previous = Visible(type, uuid, scope);
            var merged = (JsonObject)previous.Document.DeepClone();
            merged["_last_modified"] = patch["_last_modified"]?.DeepClone() ?? previous.LastModified;
            foreach (var op in new[] { "replace", "add", "delete" })
            {
                if (patch[op] is null)
                {
                    continue;
                }
                if (patch[op] is not JsonObject fields)
                {
                    throw AviRequestException.BadRequest($"PATCH '{op}' must be an object");
                }
                foreach (var (key, value) in fields)
                {
                    ApplyPatch(merged, op, key, value);
                }
            }
            return Replace(type, uuid, merged, scope);
        }
    }

    private static void ApplyPatch(JsonObject target, string op, string key, JsonNode? value)
    {
        switch (op)
        {
            case "replace":
                target[key] = value?.DeepClone();
                break;
            case "add" when target[key] is JsonArray existing && value is JsonArray additions:
                foreach (var item in additions)
                {
                    existing.Add(item?.DeepClone());
                }
                break;
            case "add":
                target[key] = value?.DeepClone();
                break;
            case "delete" when target[key] is JsonArray existing && value is JsonArray removals:
                foreach (var removal in removals)
                {
                    var match = existing.FirstOrDefault(item => PatchMatches(item, removal));
                    if (match is not null)
                    {
                        existing.Remove(match);
                    }
                }
                break;
            case "delete":
                target.Remove(key);
                break;
        }
    }

    /// <summary>An element matches a delete entry when every field the entry gives is equal (so a static route
    /// can be deleted by its route_id alone).</summary>
    private static bool PatchMatches(JsonNode? item, JsonNode? removal) =>
        removal is JsonObject wanted && item is JsonObject candidate
            ? wanted.All(kv => JsonNode.DeepEquals(candidate[kv.Key], kv.Value))
            : JsonNode.DeepEquals(item, removal);

    public StoredObject Delete(AviObjectType type, string uuid, TenantScope scope)
    {
        lock (_store.Gate)
        {
            var stored = Writable(type, uuid, scope);
            if (type.IsTenant)
            {
                _tenants.CheckCanBeDeleted(stored);
            }
            var referrers = _store.ReferrersOf(uuid).Where(r => r != uuid).ToList();
            if (referrers.Count > 0)
            {
                var names = referrers
                    .Select(r => _store.TryGet(r, out var o) ? $"'{o.Type.DisplayName}:{o.Name}'" : $"'{r}'")
                    .OrderBy(n => n, StringComparer.Ordinal);
                throw AviRequestException.BadRequest($"Cannot delete, object is referred by: [{string.Join(", ", names)}]");
            }
            var onCommit = new List<Action>();
            if (_rules.TryGetValue(type.Name, out var rules))
            {
                rules.Deleting(stored, onCommit);
            }
            _store.Remove(uuid);
            foreach (var action in onCommit)
            {
                action();
            }
            return stored;
        }
    }

    /// <summary>Forgets every object, allocation and DNS record (the reset before seeding).</summary>
    public void Clear()
    {
        lock (_store.Gate)
        {
            _store.Clear();
            _allocator.Clear();
            _dns.Clear();
            _dns.SetDomains([], 30);
        }
    }

    /// <summary>Recomputes the DNS zones from the clouds' DNS profiles and republishes every vsvip's names.</summary>
    public void RefreshDns()
    {
        lock (_store.Gate)
        {
            _dnsProfiles.Refresh();
            _vsvipRules.PublishAll();
        }
    }

    /// <summary>The DNS sub-domains of one cloud (for <c>ipamdnsproviderprofiledomainlist</c>).</summary>
    public IReadOnlyList<string> DomainsOfCloud(string? cloudUuid)
    {
        lock (_store.Gate)
        {
            if (cloudUuid is not null && !(_store.TryGet(cloudUuid, out var cloud) && cloud.Type.Name == "cloud"))
            {
                throw AviRequestException.NotFound(ObjectTypeRegistry.Get("cloud"));
            }
            return Clouds.DnsDomains(cloudUuid ?? Clouds.DefaultCloud()?.Uuid, out _);
        }
    }

    /// <summary>The current version of every object, oldest first (for the state dump).</summary>
    public IReadOnlyList<ObjectView> Snapshot()
    {
        lock (_store.Gate)
        {
            return _store.All.Select(o => new ObjectView(o, _derived.For(o))).ToList();
        }
    }

    private ObjectView Write(AviObjectType type, JsonObject body, StoredObject? previous, string tenantUuid, string uuid)
    {
        _refs.ResolveAll(body, type, tenantUuid);
        _defaults.Apply(type, body);
        var document = BuildDocument(type, body, tenantUuid, uuid);
        CheckNameIsFree(type, document, tenantUuid, uuid);
        var context = new WriteContext(type, document, previous, tenantUuid, uuid);
        if (_rules.TryGetValue(type.Name, out var rules))
        {
            rules.Prepare(context);
        }
        document["_last_modified"] = _clock.Next();
        var committed = StoredObject.Create(type, document, previous?.Sequence ?? _store.NextSequence());
        _store.Put(committed);
        context.Commit(committed);
        return new ObjectView(committed, _derived.For(committed));
    }

    private static JsonObject BuildDocument(AviObjectType type, JsonObject body, string tenantUuid, string uuid)
    {
        var document = new JsonObject
        {
            ["url"] = ObjectRef.Canonical(type.Name, uuid),
            ["uuid"] = uuid,
        };
        if (body["name"] is { } name)
        {
            body.Remove("name");
            document["name"] = name;
        }
        if (!type.IsTenant)
        {
            document["tenant_ref"] = ObjectRef.Canonical("tenant", tenantUuid);
        }
        foreach (var key in body.Select(kv => kv.Key).ToList())
        {
            if (key is "url" or "uuid" or "tenant_ref" or "_last_modified")
            {
                continue;
            }
            var value = body[key];
            body.Remove(key);
            document[key] = value;
        }
        return document;
    }

    private void CheckNameIsFree(AviObjectType type, JsonObject document, string tenantUuid, string uuid)
    {
        if (type.Singleton)
        {
            return;
        }
        var name = document["name"]!.GetValue<string>();
        var cloudUuid = document["cloud_ref"] is JsonValue c ? ObjectRef.UuidOfCanonical(c.GetValue<string>()) : null;
        var clash = _store.FindByName(tenantUuid, type.Name, name)
            .Any(o => o.Uuid != uuid && (!type.CloudScoped || o.CloudUuid == cloudUuid));
        if (clash)
        {
            var tenantName = _store.NameOf(tenantUuid) ?? tenantUuid;
            throw new AviRequestException(409,
                $"{type.DisplayName} with name '{name}' in tenant '{tenantName}'{(type.CloudScoped ? " and this cloud" : "")} already exists");
        }
    }

    private string TenantOfNewObject(AviObjectType type, JsonObject body, TenantScope scope)
    {
        if (type.IsTenant)
        {
            return scope.UsableTenantUuids is null ? TenantScope.AdminUuid : throw TenantDirectory.PermissionDenied();
        }
        if (body["tenant_ref"] is JsonValue tenantRef && tenantRef.TryGetValue<string>(out var text))
        {
            var named = _refs.Resolve(text, "tenant", scope.TenantUuid ?? TenantScope.AdminUuid, "tenant_ref").Uuid;
            return scope.IsUsable(named) ? named : throw TenantDirectory.PermissionDenied();
        }
        return scope.TenantUuid ?? TenantScope.AdminUuid;
    }

    private static string NewUuid(AviObjectType type, JsonObject body) =>
        type.IsTenant && body["name"]?.GetValue<string>() == "admin"
            ? TenantScope.AdminUuid
            : type.Singleton ? "default" : $"{type.Name}-{Guid.NewGuid()}";

    /// <summary>An object the scope may change: its own tenant's objects only (admin's shared objects are
    /// read-only from other tenants), and tenants themselves only for a user with every tenant.</summary>
    private StoredObject Writable(AviObjectType type, string uuid, TenantScope scope)
    {
        var stored = Visible(type, uuid, scope);
        var allowed = type.IsTenant ? scope.UsableTenantUuids is null : stored.TenantUuid == scope.TenantUuid;
        return allowed ? stored : throw TenantDirectory.PermissionDenied();
    }

    private StoredObject Visible(AviObjectType type, string uuid, TenantScope scope) =>
        _store.TryGet(uuid, out var stored) && stored.Type == type && scope.CanSee(stored)
            ? stored
            : throw AviRequestException.NotFound(type);
}
