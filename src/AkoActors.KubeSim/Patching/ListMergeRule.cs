namespace AkoActors.KubeSim.Patching;

/// <summary>How strategic merge patch treats one list field: merged by a key, merged as a set of primitives, or replaced whole (atomic).</summary>
public sealed record ListMergeRule(string? MergeKey, bool MergePrimitives)
{
    /// <summary>The list is replaced wholesale by the patch (the default for lists without a patch strategy).</summary>
    public static ListMergeRule Atomic { get; } = new(null, false);

    /// <summary>The rule for a list field, from the patchStrategy/patchMergeKey tags of the built-in Go types KubeSim serves.</summary>
    public static ListMergeRule For(string kind, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return Atomic;
        }
        var field = path[^1];
        var parent = path.Count > 1 ? path[^2] : string.Empty;
        var inContainer = parent is "containers" or "initContainers" or "ephemeralContainers";
        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" => new("name", false),
            "ports" when inContainer => new("containerPort", false),
            "ports" when kind == "Service" && path.Count == 2 && parent == "spec" => new("port", false),
            "env" when inContainer => new("name", false),
            "volumeMounts" when inContainer => new("mountPath", false),
            "volumeDevices" when inContainer => new("devicePath", false),
            "volumes" when parent == "spec" => new("name", false),
            "imagePullSecrets" => new("name", false),
            "hostAliases" => new("ip", false),
            "topologySpreadConstraints" => new("topologyKey", false),
            "schedulingGates" or "resourceClaims" when parent == "spec" => new("name", false),
            "conditions" when path[0] == "status" => new("type", false),
            "addresses" when kind == "Node" && parent == "status" => new("type", false),
            "ownerReferences" when parent == "metadata" => new("uid", false),
            "finalizers" when parent == "metadata" => new(null, true),
            "podCIDRs" when kind == "Node" => new(null, true),
            _ => Atomic,
        };
    }
}
