using System.Collections.Immutable;
using System.Text;

namespace BuildRunner.Planning;

/// <summary>
/// The secret inputs as the file system shows them: each <c>build-runner/secrets</c> file, the auth file's content and the
/// <c>build-args-file</c>'s.
/// The planner needs the contents to hide them (<see cref="Secrets.SecretValues"/>); they are never shown, so this
/// record does not print them.
/// </summary>
/// <param name="Files">Each secret file, in setting order.</param>
/// <param name="AuthFileContent">The auth file's content, or null when there is none or it cannot be read.</param>
public sealed record SecretFacts(ImmutableArray<SecretFileFacts> Files, string? AuthFileContent)
{
    /// <summary>No secret files and no auth file.</summary>
    public static SecretFacts None { get; } = new([], null);

    /// <summary>Why the auth file the settings name could not be read, or null.</summary>
    public string? AuthFileError { get; init; }

    /// <summary>The <c>build-args-file</c>'s content, or null when there is none or it cannot be read.</summary>
    public string? BuildArgsFileContent { get; init; }

    /// <summary>Why the <c>build-args-file</c> could not be read, or null.</summary>
    public string? BuildArgsFileError { get; init; }

    // A record prints its members; this one must not print the auth file.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Files = ").Append(Files.Length).Append(", AuthFileContent = ").Append(AuthFileContent is null ? "none" : "(hidden)")
            .Append(", AuthFileError = ").Append(AuthFileError)
            .Append(", BuildArgsFileContent = ").Append(BuildArgsFileContent is null ? "none" : "(hidden)")
            .Append(", BuildArgsFileError = ").Append(BuildArgsFileError);
        return true;
    }
}
