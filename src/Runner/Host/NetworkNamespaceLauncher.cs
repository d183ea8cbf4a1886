using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BuildRunner.Host;

/// <summary>
/// Runs a program in a fresh network namespace holding only a loopback interface, inside a nested user namespace
/// that maps the pod's whole ID range onto itself (so files keep their owners), with no capability beyond what the
/// pod grants. Needs no privilege the pod lacks: util-linux <c>unshare --user --net</c> makes both namespaces (a user
/// namespace's creator owns the network namespace made with it, so CAP_SYS_ADMIN in the pod is not needed), and the
/// runner, root of the pod's namespace with CAP_SETUID, CAP_SETGID and CAP_SETFCAP, writes the child's ID maps from
/// outside (util-linux's own <c>--map-users</c> goes through newuidmap and /etc/subuid and is refused in a pod).
/// The child then continues as <c>build-runner hermetic-exec</c> (see <see cref="Cli.HermeticExecCommand"/>).
/// </summary>
/// <param name="RunnerPath">The runner's own binary, executed inside the namespaces.</param>
/// <param name="UidMap">The pod's user ID map (read from /proc/self/uid_map).</param>
/// <param name="GidMap">The pod's group ID map.</param>
/// <param name="UnshareTool">util-linux unshare.</param>
public sealed record NetworkNamespaceLauncher(string RunnerPath, IdMap UidMap, IdMap GidMap, string UnshareTool = "unshare")
{
    private static readonly TimeSpan NamespaceWait = TimeSpan.FromSeconds(10);

    /// <summary>The arguments of <see cref="UnshareTool"/> that run <paramref name="command"/> inside, holding at most <paramref name="keep"/>.</summary>
    public ImmutableArray<string> Arguments(CapabilitySet keep, IEnumerable<string> command)
    {
        return ["--user", "--net", "--", RunnerPath, Cli.HermeticExecCommand.Name, "wait", keep.Mask.ToString("x", CultureInfo.InvariantCulture), "--", .. command];
    }

    /// <summary>
    /// <paramref name="command"/> turned into a run of <paramref name="program"/> inside the namespaces: the unshare tool
    /// with <see cref="Arguments"/>, its stdin held until <paramref name="release"/> says the maps are written (true:
    /// the child goes on; false: it ends without starting the program).
    /// </summary>
    public CliWrap.Command Wrap(CliWrap.Command command, CapabilitySet keep, IEnumerable<string> program, Task<bool> release)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(release);
        return command
            .WithTargetFile(UnshareTool)
            .WithArguments(Arguments(keep, program))
            .WithStandardInputPipe(CliWrap.PipeSource.Create(async (stdin, cancellationToken) =>
            {
                if (await release.WaitAsync(cancellationToken))
                {
                    await stdin.WriteAsync(Encoding.ASCII.GetBytes(Cli.HermeticExecCommand.Go + "\n"), cancellationToken);
                }
            }));
    }

    /// <summary>
    /// The child's map for <paramref name="map"/>: every ID the pod maps, mapped to itself, so the nested namespace
    /// sees the same IDs as the pod (the kernel checks that the pod maps each of them).
    /// </summary>
    public static string NestedMap(IdMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = new StringBuilder();
        foreach (var extent in map.Extents)
        {
            text.Append(CultureInfo.InvariantCulture, $"{extent.Inside} {extent.Inside} {extent.Count}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Waits until process <paramref name="pid"/> (the unshare tool) is in its new user namespace, then writes its
    /// uid_map and gid_map. Returns null, or why the maps could not be written.
    /// </summary>
    public async Task<string?> MapAsync(int pid, CancellationToken cancellationToken)
    {
        var own = NamespaceOf("self");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var theirs = NamespaceOf(pid.ToString(CultureInfo.InvariantCulture));
            if (theirs is null)
            {
                return "the unshare tool ended before its user namespace could be mapped";
            }
            if (theirs != own)
            {
                break;
            }
            if (clock.Elapsed > NamespaceWait)
            {
                return $"the unshare tool made no user namespace within {NamespaceWait.TotalSeconds:0} s";
            }
            await Task.Delay(2, cancellationToken);
        }
        return Write(pid, "uid_map", NestedMap(UidMap), "CAP_SETUID and CAP_SETFCAP")
            ?? Write(pid, "gid_map", NestedMap(GidMap), "CAP_SETGID");
    }

    /// <summary>The interface names in the text of <c>/proc/self/net/dev</c> (the calling process's network namespace).</summary>
    public static ImmutableArray<string> InterfacesOf(string netDev)
    {
        ArgumentNullException.ThrowIfNull(netDev);
        return [.. netDev.Split('\n').Skip(2).Select(l => l.Split(':')[0].Trim()).Where(n => n.Length > 0).Order(StringComparer.Ordinal)];
    }

    private static string? NamespaceOf(string process)
    {
        try
        {
            return new FileInfo($"/proc/{process}/ns/user").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // One write(2) of the whole map, as the kernel requires.
    private static string? Write(int pid, string file, string map, string needs)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/{file}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            var bytes = Encoding.ASCII.GetBytes(map);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"writing {path} (\"{map.Trim().Replace("\n", "; ", StringComparison.Ordinal)}\"): {e.Message} (the runner needs to be root of the pod's user namespace with {needs})";
        }
    }
}
