using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;

namespace AkoActors.Avi.Fencing;

/// <summary>The fencing token every AkoActors write stamps on the object it writes: a marker holding the writing owner
/// incarnation's epoch.</summary>
/// <remarks>
/// An owner incarnation takes an epoch above every stamp it read in its tree (and at least its start time), so a new
/// owner after a hand-off or failover always holds a larger epoch than the one it replaces. The controller refuses a PUT
/// whose <c>_last_modified</c> is stale (412); on re-reading, an owner that finds a larger epoch than its own on the
/// object knows a newer owner has written it and stops instead of retrying. So a replica that lost ownership (paused,
/// partitioned, killed slowly) can never overwrite an object its successor has touched. The marker is not part of any
/// spec: it never makes a difference that needs a write.
/// </remarks>
public static class OwnerEpoch
{
    public const string MarkerKey = "ako-actors-epoch";

    /// <summary>The epoch stamped on a controller object, or null when none is.</summary>
    public static long? Read(JsonObject json)
    {
        var values = JsonRead.Objects(json["markers"])
            .Where(m => JsonRead.String(m, "key") == MarkerKey)
            .SelectMany(m => JsonRead.Strings(m["values"]));
        long? epoch = null;
        foreach (var value in values)
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) epoch = Math.Max(epoch ?? 0, parsed);
        }
        return epoch;
    }

    /// <summary>Sets the epoch marker on a body about to be written (replacing an older stamp).</summary>
    public static void Stamp(JsonObject json, long epoch)
    {
        if (json["markers"] is not JsonArray markers)
        {
            markers = [];
            json["markers"] = markers;
        }
        foreach (var stale in markers.OfType<JsonObject>().Where(m => JsonRead.String(m, "key") == MarkerKey).ToList()) markers.Remove(stale);
        markers.Add(new JsonObject
        {
            ["key"] = MarkerKey,
            ["values"] = new JsonArray(JsonValue.Create(epoch.ToString(CultureInfo.InvariantCulture))),
        });
    }

    /// <summary>The epoch a new owner incarnation takes: its clock, and above every stamp found in the tree it read.</summary>
    public static long Next(DateTimeOffset now, IEnumerable<long?> seen) =>
        Math.Max(now.ToUnixTimeMilliseconds(), (seen.Max() ?? 0) + 1);
}
