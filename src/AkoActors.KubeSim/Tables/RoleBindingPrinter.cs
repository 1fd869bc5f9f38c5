using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>RoleBindings and ClusterRoleBindings: NAME ROLE AGE, with USERS GROUPS SERVICEACCOUNTS in wide output, as kube-apiserver prints them.</summary>
public sealed class RoleBindingPrinter : ITablePrinter
{
    /// <summary>The shared instance.</summary>
    public static RoleBindingPrinter Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
        [new("Name", Format: "name"), new("Role"), new("Age"), new("Users", Priority: 1), new("Groups", Priority: 1), new("ServiceAccounts", Priority: 1)];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var subjects = obj.ArrayAt("subjects").ToList();
        string Names(string kind, Func<JsonNode?, string?> show) => string.Join(", ", subjects.Where(s => s.StringAt("kind") == kind).Select(show));
        return
        [
            obj.StringAt("metadata", "name"),
            $"{obj.StringAt("roleRef", "kind")}/{obj.StringAt("roleRef", "name")}",
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            Names("User", s => s.StringAt("name")),
            Names("Group", s => s.StringAt("name")),
            Names("ServiceAccount", s => $"{s.StringAt("namespace")}/{s.StringAt("name")}"),
        ];
    }
}
