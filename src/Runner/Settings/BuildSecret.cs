using System.Diagnostics.CodeAnalysis;

namespace BuildRunner.Settings;

/// <summary>
/// One item of <c>build-runner/secrets</c>: a file handed to RUN steps as buildah's <c>--secret id=NAME,src=PATH</c>,
/// so a Containerfile reads it with <c>RUN --mount=type=secret,id=NAME</c> and its content never lands in a layer.
/// </summary>
/// <param name="Id">The id a <c>RUN --mount=type=secret,id=...</c> names; also the file name under <c>/run/secrets</c>.</param>
/// <param name="Source">The file holding the value, absolute or relative to the working directory (as buildah takes it).</param>
public sealed record BuildSecret(string Id, string Source)
{
    /// <summary>The item as the setting and buildah's <c>--secret</c> spell it: <c>id=NAME,src=PATH</c>.</summary>
    public string ToArgument() => $"id={Id},src={Source}";

    /// <summary>Reads an item written <c>id=NAME,src=PATH</c> (either order); <paramref name="reason"/> says what is wrong when it is not.</summary>
    public static bool TryParse(string item, [NotNullWhen(true)] out BuildSecret? secret, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        secret = null;
        string? id = null, source = null;
        // buildah splits --secret at commas, so a comma can only separate the two fields: a path holding one cannot be passed.
        foreach (var field in item.Split(','))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? field.Trim() : field[..eq].Trim();
            var value = eq < 0 ? "" : field[(eq + 1)..].Trim();
            switch (key)
            {
                case "id" when id is null:
                    id = value;
                    break;
                case "src" when source is null:
                    source = value;
                    break;
                case "id" or "src":
                    reason = $"{key} is given twice";
                    return false;
                default:
                    reason = $"\"{field.Trim()}\" is neither id=NAME nor src=PATH";
                    return false;
            }
        }
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(source))
        {
            reason = "both id=NAME and src=PATH are needed, each non-empty";
            return false;
        }
        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            reason = $"the id \"{id}\" may hold only letters, digits, '-', '_' and '.' (it becomes a file name under /run/secrets)";
            return false;
        }
        secret = new BuildSecret(id, source);
        reason = null;
        return true;
    }
}
