using System.Text;

namespace BuildRunner.Settings;

/// <summary>
/// A file the runner writes into its private work folder before the build, because a setting names it: the auth
/// file converted from OpenShift's registry secrets, the registries' CAs in the certs.d layout, an inline Dockerfile.
/// Written readable by its owner only (0600, in a 0700 folder) and removed with the work folder at the end.
/// </summary>
/// <param name="Path">Where it is written.</param>
/// <param name="Content">What it holds (may be a secret: a record of this type never prints it).</param>
public sealed record PreparedFile(string Path, string Content)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Path = ").Append(Path).Append(", Content = (").Append(Content.Length).Append(" characters)");
        return true;
    }
}
