using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Roles and ClusterRoles (NAME CREATED AT), RoleBindings and ClusterRoleBindings (NAME ROLE AGE, with USERS GROUPS SERVICEACCOUNTS in wide output), as kube-apiserver prints them.</summary>
public sealed class RbacPrinter : ITablePrinter
{
    private readonly bool _binding;

    private RbacPrinter(bool binding)
    {
        _binding = binding;
        Columns = binding
            ? [new("Name", Format: "name"), new("Role"), new("Age"), new("Users", Priority: 1), new("Groups", Priority: 1), new("ServiceAccounts", Priority: 1)]
            : [new("Name", Format: "name"), new("Created At", "date")];
    }

    /// <summary>The printer of Roles and ClusterRoles.</summary>
    public static RbacPrinter Roles { get; } = new(binding: false);

    /// <summary>The printer of RoleBindings and ClusterRoleBindings.</summary>
    public static RbacPrinter Bindings { get; } = new(binding: true);

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var name = obj.StringAt("metadata", "name");
        if (!_binding)
        {
            return [name, obj.StringAt("metadata", "creationTimestamp")];
        }
        var subjects = obj.ArrayAt("subjects").ToList();
        string Names(string kind, Func<JsonNode?, string?> show) => string.Join(", ", subjects.Where(s => s.StringAt("kind") == kind).Select(show));
        return
        [
            name,
            $"{obj.StringAt("roleRef", "kind")}/{obj.StringAt("roleRef", "name")}",
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            Names("User", s => s.StringAt("name")),
            Names("Group", s => s.StringAt("name")),
            Names("ServiceAccount", s => $"{s.StringAt("namespace")}/{s.StringAt("name")}"),
        ];
    }
}
