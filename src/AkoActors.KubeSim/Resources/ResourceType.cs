namespace AkoActors.KubeSim.Resources;

/// <summary>One served resource (group/version/plural) and the API-server behaviours that differ between resources.</summary>
public sealed record ResourceType
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version within the group.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name used in URLs, e.g. services.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular resource name, e.g. service.</summary>
    public required string Singular { get; init; }

    /// <summary>Object kind, e.g. Service.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>kubectl short names, e.g. svc.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Discovery categories, e.g. all.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Whether a <c>/status</c> subresource exists, making the main resource ignore status and vice versa.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Whether a <c>/scale</c> subresource (autoscaling/v1 Scale) exists.</summary>
    public bool HasScale { get; init; }

    /// <summary>Whether metadata.generation is maintained (bumped on spec changes).</summary>
    public bool HasGeneration { get; init; }

    /// <summary>Whether DELETE answers with the deleted object (true) or a Success Status (false), as the real registry does per kind.</summary>
    public bool ReturnsDeletedObject { get; init; }

    /// <summary>Whether PUT of a missing object creates it.</summary>
    public bool AllowCreateOnUpdate { get; init; }

    /// <summary>Whether objects are answered but never stored (access reviews): create returns the evaluated object.</summary>
    public bool ReviewOnly { get; init; }

    /// <summary>The storage shared by several versions of one resource (events are one store seen through core/v1 and events.k8s.io/v1); defaults to <see cref="GroupResource"/>.</summary>
    public string? SharedStorage { get; init; }

    /// <summary>Converts objects between the stored form and this version when the storage is shared; null when this version is the stored form.</summary>
    public IObjectConversion? Conversion { get; init; }

    /// <summary>For a version of a CustomResourceDefinition: its schema and printer columns; null for built-in kinds.</summary>
    public CustomResources.CustomResourceVersion? Custom { get; init; }

    /// <summary>apiVersion as written in objects: <c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Kind of the list, e.g. ServiceList.</summary>
    public string ListKind => Kind + "List";

    /// <summary>Resource qualified by group, as used in error messages: <c>services</c>, <c>deployments.apps</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The storage key under which objects of this resource live.</summary>
    public string Storage => SharedStorage ?? GroupResource;

    /// <inheritdoc />
    public override string ToString() => $"{GroupResource}/{Version}";
}
