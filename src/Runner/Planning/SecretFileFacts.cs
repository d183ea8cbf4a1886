using System.Text;
using BuildRunner.Settings;

namespace BuildRunner.Planning;

/// <summary>One <c>build-runner/secrets</c> file as read.</summary>
/// <param name="Secret">The setting's item.</param>
/// <param name="Path">The file, absolute.</param>
/// <param name="Content">Its content, or null when it cannot be read.</param>
/// <param name="Error">Why it cannot be read (<c>the file does not exist</c>, or the system's reason), or null.</param>
public sealed record SecretFileFacts(BuildSecret Secret, string Path, string? Content, string? Error)
{
    // A record prints its members; this one must not print the secret.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Secret = ").Append(Secret).Append(", Path = ").Append(Path)
            .Append(", Content = ").Append(Content is null ? "none" : "(hidden)").Append(", Error = ").Append(Error);
        return true;
    }
}
