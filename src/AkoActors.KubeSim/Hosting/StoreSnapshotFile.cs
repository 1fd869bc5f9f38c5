using System.Text.Json.Nodes;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Hosting;

/// <summary>Saves and restores the whole store as JSON lines (first line: the resourceVersion), so a demo survives a restart.</summary>
public static class StoreSnapshotFile
{
    /// <summary>Writes every object to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(ObjectStore store, string path)
    {
        var temporary = path + ".tmp";
        try
        {
            Write(store, temporary);
        }
        catch
        {
            // Leave no half-written file behind; the previous snapshot stays as it was.
            File.Delete(temporary);
            throw;
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static void Write(ObjectStore store, string temporary)
    {
        using (var writer = new StreamWriter(temporary))
        {
            var storages = store.Storages;
            writer.WriteLine(new JsonObject { ["resourceVersion"] = store.ResourceVersion }.ToJsonString());
            foreach (var storage in storages)
            {
                foreach (var obj in store.Snapshot(storage).Items.Values)
                {
                    writer.WriteLine(new JsonObject { ["storage"] = storage, ["object"] = obj.ToJson() }.ToJsonString());
                }
            }
        }
    }

    /// <summary>A store filled from a snapshot file, continuing its resourceVersion sequence.</summary>
    public static ObjectStore Load(string path, int historySize)
    {
        using var reader = new StreamReader(path);
        var header = JsonNode.Parse(reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty"))!;
        var version = header["resourceVersion"]!.GetValue<long>();
        var store = new ObjectStore(historySize, version);
        var objects = new List<(string Storage, JsonObject Object)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var entry = JsonNode.Parse(line) ?? throw new InvalidDataException($"{path}: bad line");
            objects.Add((entry["storage"]!.GetValue<string>(), entry["object"]!.AsObject()));
        }
        store.Restore(objects, version);
        return store;
    }
}
