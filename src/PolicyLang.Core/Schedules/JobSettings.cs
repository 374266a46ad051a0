using PolicyLang.Core.Binding.Model;

namespace PolicyLang.Core.Schedules;

/// <summary>
/// What the job writers need besides the policy: the policy path each target runs (<see cref="PolicyPath"/>: inside the image for
/// Kubernetes, on the host for systemd, in the repository for GitHub Actions), the runner image and an optional command that
/// replaces <c>policyc run &lt;path&gt;</c> (its words; <c>--dataset</c> options of the group are appended).
/// </summary>
public sealed record JobSettings(string PolicyPath)
{
    /// <summary>The runner image built from deploy/runner/Dockerfile.</summary>
    public const string DefaultImage = "policylang-runner:latest";

    public string Image { get; init; } = DefaultImage;

    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Where systemd units read the secrets (<c>KEY=value</c> lines); null: <c>/etc/policylang/&lt;identity&gt;.env</c>.</summary>
    public string? EnvironmentFile { get; init; }

    /// <summary>The command of one group's job: the given command (or <c>policyc run &lt;path&gt;</c>), then <c>--dataset</c> per dataset.</summary>
    public IReadOnlyList<string> CommandFor(ScheduleGroup group) =>
        [.. Command ?? ["policyc", "run", PolicyPath], .. group.Datasets.SelectMany(d => new[] { "--dataset", d })];

    /// <summary>
    /// The environment variables the runner reads: every <c>env("VAR")</c> of the policy (names only, never values) and, when it
    /// has s3 stores, the AWS SDK's credential variables (optional: the SDK also finds credentials elsewhere).
    /// </summary>
    public static (IReadOnlyList<string> Required, IReadOnlyList<string> Optional) Variables(BoundPolicy policy)
    {
        var required = policy.Stores
            .SelectMany(s => s.Settings.Values)
            .Select(s => s.EnvironmentVariable)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<string> optional = policy.Stores.Any(s => s.Kind == StoreKind.S3)
            ? new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }.Where(v => !required.Contains(v)).ToList()
            : [];
        return (required, optional);
    }
}

/// <summary>A schedule that a target cannot run as written; the message says why and what to write instead.</summary>
public sealed class UntranslatableScheduleException(string message) : Exception(message);

/// <summary>One file a job writer produces: a name relative to the output folder, and its text.</summary>
public sealed record JobFile(string Name, string Text);
