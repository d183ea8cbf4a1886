using System.Globalization;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A process as the node sees it in /proc: parent, command line, and the node's view of its user and group IDs
/// (real, effective, saved, filesystem: the <c>Uid:</c> and <c>Gid:</c> lines of /proc/PID/status).
/// </summary>
public sealed record HostProcess(int Pid, int ParentPid, IReadOnlyList<string> CommandLine, IReadOnlyList<long> Uids, IReadOnlyList<long> Gids)
{
    /// <summary>The file name of the executable the command line names (<c>buildah</c> for <c>/usr/bin/buildah</c>).</summary>
    public string Program => Path.GetFileName(CommandLine[0]);

    /// <summary><paramref name="pid"/> and every process below it, in one pass over the node's /proc.</summary>
    public static IReadOnlyList<HostProcess> TreeOf(int pid)
    {
        var all = All();
        var tree = new HashSet<int> { pid };
        // Parents precede children only by chance (PIDs wrap): grow the set until it stops growing.
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var p in all)
            {
                if (tree.Contains(p.ParentPid) && tree.Add(p.Pid))
                {
                    grown = true;
                }
            }
        }
        return [.. all.Where(p => tree.Contains(p.Pid))];
    }

    /// <summary>Every process on the node that could be read (kernel threads have no command line and are left out).</summary>
    public static IReadOnlyList<HostProcess> All()
    {
        var found = new List<HostProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (commandLine.Length == 0)
                {
                    continue;
                }
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                found.Add(new HostProcess(pid, int.Parse(Field(status, "PPid"), CultureInfo.InvariantCulture), commandLine,
                    Ids(Field(status, "Uid")), Ids(Field(status, "Gid"))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The process ended while it was being read.
            }
        }
        return found;
    }

    /// <summary>One field of /proc/<paramref name="pid"/>/status, such as <c>CapBnd</c> or <c>Seccomp</c>.</summary>
    public static string StatusField(int pid, string name) =>
        Field(File.ReadAllLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")), name);

    private static string Field(string[] status, string name) =>
        status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static long[] Ids(string field) =>
        [.. field.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];
}
