namespace AkoActors.KubeSim.Registry;

/// <summary>Options of a create, update or patch.</summary>
public sealed record WriteOptions
{
    /// <summary>Default options.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>Validate and answer as if written, but store nothing (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>How to treat fields the kind does not declare: Strict refuses the write (400), Warn (default) and Ignore drop them.</summary>
    public string FieldValidation { get; init; } = "Warn";

    /// <summary>Receives one message per dropped field when <see cref="FieldValidation"/> is Warn (HTTP: Warning headers).</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>Keep the status given on create instead of resetting it (in-process controllers creating Pods that are already running, tests seeding objects).</summary>
    public bool PreserveStatus { get; init; }
}
