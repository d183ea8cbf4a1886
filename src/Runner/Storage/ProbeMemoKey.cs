namespace BuildRunner.Storage;

/// <summary>
/// Everything that decides which storage drivers work, as text: a remembered probe verdict holds while every field
/// is the same, and is thrown away when one differs. Compared field by field (record equality).
/// </summary>
/// <param name="Runner">The runner's version and revision (a new runner may probe differently).</param>
/// <param name="Kernel">The kernel release (<c>/proc/sys/kernel/osrelease</c>): what overlay may do in a user namespace.</param>
/// <param name="FileSystem">The file system under the storage root (<see cref="BackingFileSystem.Describe"/>).</param>
/// <param name="UidMap">The pod's UID map, one <c>inside outside count</c> extent after another.</param>
/// <param name="GidMap">The pod's GID map.</param>
/// <param name="User">Who the probe ran as (<c>uid:gid</c>), and so who buildah runs as.</param>
/// <param name="Privileges">The identity mode and the capabilities buildah keeps.</param>
/// <param name="SubordinateIds">For a non-root pod user, the subordinate ranges buildah's namespace is mapped from.</param>
/// <param name="Driver">The driver asked for (<c>auto</c> or a name).</param>
/// <param name="DriverOptions">The storage options the runner gives buildah for each driver it may try.</param>
/// <param name="FuseOverlayfs">The fuse-overlayfs binary found on PATH, or <c>none</c>.</param>
/// <param name="FuseDevice">Whether /dev/fuse opened (<c>usable</c>) or why not.</param>
public sealed record ProbeMemoKey(
    string Runner,
    string Kernel,
    string FileSystem,
    string UidMap,
    string GidMap,
    string User,
    string Privileges,
    string SubordinateIds,
    string Driver,
    string DriverOptions,
    string FuseOverlayfs,
    string FuseDevice)
{
    /// <summary>The names of the fields that differ from <paramref name="other"/>, for the log.</summary>
    public IReadOnlyList<string> Differences(ProbeMemoKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        void Compare(string name, string mine, string theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                differences.Add(name);
            }
        }
        Compare("runner version", Runner, other.Runner);
        Compare("kernel", Kernel, other.Kernel);
        Compare("storage file system", FileSystem, other.FileSystem);
        Compare("UID map", UidMap, other.UidMap);
        Compare("GID map", GidMap, other.GidMap);
        Compare("user", User, other.User);
        Compare("privileges", Privileges, other.Privileges);
        Compare("subordinate IDs", SubordinateIds, other.SubordinateIds);
        Compare("storage driver", Driver, other.Driver);
        Compare("driver options", DriverOptions, other.DriverOptions);
        Compare("fuse-overlayfs", FuseOverlayfs, other.FuseOverlayfs);
        Compare("/dev/fuse", FuseDevice, other.FuseDevice);
        return differences;
    }
}
