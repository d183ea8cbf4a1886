using System.Globalization;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>A process as the node sees it in /proc: its command line, user namespace and capability masks.</summary>
public sealed record ProcessView(int Pid, string[] CommandLine, string UserNamespace, ulong Effective, ulong Permitted, ulong Bounding)
{
    /// <summary>Every process whose command line satisfies <paramref name="match"/>, read from the node's /proc.</summary>
    public static IReadOnlyList<ProcessView> Find(Func<string[], bool> match)
    {
        var found = new List<ProcessView>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (commandLine.Length == 0 || !match(commandLine))
                {
                    continue;
                }
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                ulong Mask(string field) => ulong.Parse(status.First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var ns = new FileInfo(Path.Combine(dir, "ns", "user")).LinkTarget ?? "";
                found.Add(new ProcessView(pid, commandLine, ns, Mask("CapEff"), Mask("CapPrm"), Mask("CapBnd")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The process ended while it was being read.
            }
        }
        return found;
    }
}
