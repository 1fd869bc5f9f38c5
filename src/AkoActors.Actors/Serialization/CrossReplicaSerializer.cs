using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace AkoActors.Actors.Serialization;

/// <summary>Writes cross-replica messages as camelCase JSON under the short manifests of <see cref="CrossReplicaManifests"/>,
/// so what is on the wire is a documented contract (property names and manifests) rather than CLR type names, and replicas
/// of two adjacent versions can share a cluster during a rolling update.</summary>
/// <remarks>Registered for <see cref="ICrossReplicaMessage"/> in <c>hocon/ako-actors.conf</c>. Unknown fields are ignored
/// and missing ones take their type's default, which is what lets a version add a field.</remarks>
public sealed class CrossReplicaSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Fixed for good: a different number on two replicas would make each unable to read the other.</summary>
    public const int SerializerId = 713;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EquatableArrayJsonConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyConstructorState } },
    };

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => CrossReplicaManifests.Of(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, CrossReplicaManifests.TypeOf(manifest), Json)
        ?? throw new System.Runtime.Serialization.SerializationException($"Cross-replica message '{manifest}' is JSON null");

    /// <summary>Computed properties (an entity id, a count) are not state: only what a constructor takes goes on the wire.</summary>
    private static void OnlyConstructorState(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].AssociatedParameter is null && type.Properties[i].Set is null) type.Properties.RemoveAt(i);
        }
    }
}
