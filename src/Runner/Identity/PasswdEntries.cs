using System.Globalization;

namespace BuildRunner.Identity;

/// <summary>
/// Makes sure the runner's UID has a name. Rootless buildah looks the user up by name to find its
/// subordinate IDs, and an arbitrary pod UID usually has no line in the image's <c>/etc/passwd</c>.
/// </summary>
public static class PasswdEntries
{
    /// <summary>The name tried first for an added user or group.</summary>
    public const string PreferredName = "build";

    /// <summary>
    /// Finds the name of <paramref name="uid"/> in <paramref name="passwd"/>, or appends
    /// <c>NAME:x:UID:GID:build-runner:HOME:/bin/sh</c> with a free name (<c>build</c>, else <c>build-UID</c>);
    /// appends <c>NAME:x:GID:</c> to <paramref name="group"/> when <paramref name="gid"/> has no group.
    /// </summary>
    public static PasswdUpdate Ensure(string passwd, string group, long uid, long gid, string home)
    {
        ArgumentNullException.ThrowIfNull(passwd);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrEmpty(home);

        var users = Records(passwd).ToList();
        var groups = Records(group).ToList();

        string? newGroup = null;
        if (!groups.Any(g => IsId(g, gid)))
        {
            var groupName = FreeName(groups, gid);
            newGroup = Append(group, Invariant($"{groupName}:x:{gid}:"));
        }

        var existing = users.FirstOrDefault(u => IsId(u, uid));
        if (existing is not null)
        {
            return new PasswdUpdate(existing[0], null, newGroup);
        }
        var name = FreeName(users, uid);
        var newPasswd = Append(passwd, Invariant($"{name}:x:{uid}:{gid}:build-runner:{home}:/bin/sh"));
        return new PasswdUpdate(name, newPasswd, newGroup);
    }

    /// <summary>The user name of <paramref name="uid"/> in <paramref name="passwd"/>, or null.</summary>
    public static string? NameOf(string passwd, long uid)
    {
        ArgumentNullException.ThrowIfNull(passwd);
        return Records(passwd).FirstOrDefault(u => IsId(u, uid))?[0];
    }

    private static string FreeName(List<string[]> records, long id)
    {
        var taken = records.Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var name = PreferredName;
        for (var n = 1; taken.Contains(name); n++)
        {
            name = n == 1 ? Invariant($"{PreferredName}-{id}") : Invariant($"{PreferredName}-{id}-{n}");
        }
        return name;
    }

    // passwd has 7 fields and group 4; both keep the name first and the ID third.
    private static IEnumerable<string[]> Records(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r').Split(':'))
            .Where(fields => fields.Length >= 3 && fields[0].Length > 0);

    private static bool IsId(string[] fields, long id) =>
        long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value == id;

    private static string Append(string text, string line) =>
        text.Length == 0 || text.EndsWith('\n') ? text + line + "\n" : text + "\n" + line + "\n";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
