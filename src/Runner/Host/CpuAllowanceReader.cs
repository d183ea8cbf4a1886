using System.Globalization;
using System.IO.Abstractions;

namespace BuildRunner.Host;

/// <summary>
/// Reads how many CPUs the pod may use from its cgroup, not the node's count: the CPU quota (cgroup v2 <c>cpu.max</c>,
/// or v1 <c>cpu.cfs_quota_us</c> over <c>cpu.cfs_period_us</c>), rounded up, and the cpuset (v2
/// <c>cpuset.cpus.effective</c>, v1 <c>cpuset.cpus</c>), taking the smaller, at least 1. Every level from the
/// process's own cgroup up to the mount's root counts (a pod-level limit sits above the container's cgroup).
/// Without either, the CPUs online. Reads through a file-system abstraction, so tests can give any view.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="procSelf">The process's /proc folder (its <c>cgroup</c> file names its cgroups).</param>
/// <param name="cgroupRoot">Where the cgroup file systems are mounted.</param>
/// <param name="onlineCpus">The kernel's list of online CPUs.</param>
public sealed class CpuAllowanceReader(IFileSystem fileSystem, string procSelf = "/proc/self", string cgroupRoot = "/sys/fs/cgroup",
    string onlineCpus = "/sys/devices/system/cpu/online")
{
    /// <summary>Reads the allowance; never throws (an unreadable file is a source less).</summary>
    public CpuAllowance Read()
    {
        var cgroups = CgroupPaths();
        var quota = cgroups.TryGetValue("", out var unified) ? QuotaV2(unified) : null;
        quota ??= cgroups.TryGetValue("cpu", out var cpu) ? QuotaV1(cpu) : null;
        var cpuset = cgroups.TryGetValue("", out unified) ? CpusetOf(unified, "", "cpuset.cpus.effective") : null;
        cpuset ??= cgroups.TryGetValue("cpuset", out var set) ? CpusetOf(set, "cpuset", "cpuset.cpus") : null;
        var candidates = new[] { quota, cpuset }.OfType<CpuAllowance>().ToList();
        if (candidates.Count > 0)
        {
            return candidates.MinBy(c => c.Count)!;
        }
        return Text(onlineCpus) is string online && CountList(online) is int count and > 0
            ? new CpuAllowance(count, $"{onlineCpus} ({online.Trim()}), no cgroup CPU limit or cpuset: {count}")
            : CpuAllowance.Unknown;
    }

    // "/proc/self/cgroup": "0::/path" (v2), "N:cpu,cpuacct:/path" (v1); keyed by controller, "" for v2.
    private Dictionary<string, string> CgroupPaths()
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (Text(fileSystem.Path.Combine(procSelf, "cgroup")) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            if (parts[0] == "0" && parts[1].Length == 0)
            {
                paths[""] = parts[2];
                continue;
            }
            foreach (var controller in parts[1].Split(','))
            {
                paths.TryAdd(controller, parts[2]);
            }
        }
        return paths;
    }

    private CpuAllowance? QuotaV2(string path)
    {
        CpuAllowance? smallest = null;
        foreach (var folder in Levels("", path))
        {
            var file = fileSystem.Path.Combine(folder, "cpu.max");
            var fields = Text(file)?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields is { Length: 2 } && Whole(fields[0]) is long quota && Whole(fields[1]) is long period and > 0)
            {
                smallest = Smaller(smallest, FromQuota(quota, period, $"{file} ({fields[0]} {fields[1]})"));
            }
        }
        return smallest;
    }

    private CpuAllowance? QuotaV1(string path)
    {
        CpuAllowance? smallest = null;
        foreach (var folder in Levels("cpu", path))
        {
            var quotaFile = fileSystem.Path.Combine(folder, "cpu.cfs_quota_us");
            var periodFile = fileSystem.Path.Combine(folder, "cpu.cfs_period_us");
            if (Whole(Text(quotaFile)) is long quota and > 0 && Whole(Text(periodFile)) is long period and > 0)
            {
                smallest = Smaller(smallest, FromQuota(quota, period, string.Create(CultureInfo.InvariantCulture,
                    $"{quotaFile} ({quota}) over cpu.cfs_period_us ({period})")));
            }
        }
        return smallest;
    }

    private CpuAllowance? CpusetOf(string path, string controller, string name)
    {
        // The innermost level that names a set is the one in force (a child's set is within its parent's).
        foreach (var folder in Levels(controller, path))
        {
            var file = fileSystem.Path.Combine(folder, name);
            if (Text(file) is string list && CountList(list) is int count and > 0)
            {
                return new CpuAllowance(count, string.Create(CultureInfo.InvariantCulture, $"{file} ({list.Trim()}): {count}"));
            }
        }
        return null;
    }

    // "max 100000" is no limit; 150000/100000 is 1.5 CPUs, which the build may use 2 of part of the time: round up.
    private static CpuAllowance? FromQuota(long quota, long period, string source)
    {
        if (quota <= 0)
        {
            return null;
        }
        var count = (int)Math.Max(1, Math.Min(int.MaxValue, (quota + period - 1) / period));
        return new CpuAllowance(count, string.Create(CultureInfo.InvariantCulture, $"{source}, rounded up: {count}"));
    }

    private static CpuAllowance? Smaller(CpuAllowance? a, CpuAllowance? b) =>
        a is null ? b : b is null ? a : b.Count < a.Count ? b : a;

    // The process's cgroup folder, then each parent up to the mount's root. A path the mount does not hold (the
    // cgroup namespace shows the host's path while the container sees only its own subtree) counts as the root.
    private IEnumerable<string> Levels(string controller, string path)
    {
        var mount = controller.Length == 0
            ? (fileSystem.Directory.Exists(fileSystem.Path.Combine(cgroupRoot, "unified")) && !fileSystem.File.Exists(fileSystem.Path.Combine(cgroupRoot, "cgroup.controllers"))
                ? fileSystem.Path.Combine(cgroupRoot, "unified")
                : cgroupRoot)
            : MountOf(controller);
        var relative = path.Trim('/');
        var folder = relative.Length == 0 ? mount : fileSystem.Path.Combine(mount, relative);
        if (!fileSystem.Directory.Exists(folder))
        {
            folder = mount;
        }
        for (var current = folder; ; current = fileSystem.Path.GetDirectoryName(current)!)
        {
            yield return current;
            if (current.Length <= mount.Length || !current.StartsWith(mount, StringComparison.Ordinal))
            {
                yield break;
            }
        }
    }

    // v1 mounts controllers alone ("cpu") or together ("cpu,cpuacct"), often with a symlink for each name.
    private string MountOf(string controller)
    {
        var alone = fileSystem.Path.Combine(cgroupRoot, controller);
        if (fileSystem.Directory.Exists(alone))
        {
            return alone;
        }
        if (fileSystem.Directory.Exists(cgroupRoot))
        {
            foreach (var folder in fileSystem.Directory.GetDirectories(cgroupRoot))
            {
                if (fileSystem.Path.GetFileName(folder).Split(',').Contains(controller, StringComparer.Ordinal))
                {
                    return folder;
                }
            }
        }
        return alone;
    }

    /// <summary>The number of CPUs in a kernel CPU list such as <c>0-3,8,10-11</c>, or null when it is not one.</summary>
    public static int? CountList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var count = 0;
        foreach (var item in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = item.Split('-');
            if (range.Length == 1 && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                count++;
            }
            else if (range.Length == 2
                && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= first)
            {
                count += last - first + 1;
            }
            else
            {
                return null;
            }
        }
        return count == 0 ? null : count;
    }

    private static long? Whole(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private string? Text(string path)
    {
        try
        {
            return fileSystem.File.Exists(path) ? fileSystem.File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
