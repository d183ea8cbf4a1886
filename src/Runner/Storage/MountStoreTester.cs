using System.IO.Abstractions;
using BuildRunner.Posix;
using CliWrap;
using CliWrap.Buffered;

namespace BuildRunner.Storage;

/// <summary>
/// Tries a driver the way buildah will use it, without buildah: in a child process that is root of a new user
/// namespace with its own mount namespace (as buildah's re-execution is, whether the pod user is root or not), it
/// mounts the driver over two lower layers, an upper and a work folder in the scratch store, and writes a file
/// through the mount. One short child instead of three buildah processes. Before mounting it applies the checks
/// containers/storage makes first (the file system under the store, d_type); vfs needs no mount, only a writable
/// store. When the trial's own tools are missing (util-linux unshare, mount, sh) it asks
/// <paramref name="fallback"/> (buildah itself) instead.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="fallback">Tries the configuration when the mount trial cannot run.</param>
/// <param name="unshareTool">util-linux unshare.</param>
/// <param name="fileSystemType">statfs f_type of a path (<see cref="FileSystemType.Of"/>).</param>
/// <param name="entryTypes">Whether a folder's file system records d_type (<see cref="DirectoryEntryTypes.Reported"/>).</param>
public sealed class MountStoreTester(
    IFileSystem fileSystem,
    IStoreTester fallback,
    string unshareTool = "unshare",
    Func<string, long?>? fileSystemType = null,
    Func<string, bool?>? entryTypes = null) : IStoreTester
{
    /// <summary>The trial's exit status when the kernel (or fuse-overlayfs) refused the mount.</summary>
    public const int MountRefused = 3;

    /// <summary>The trial's exit status when the mount worked but a file could not be written through it.</summary>
    public const int WriteFailed = 4;

    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);

    // Arguments: the scratch store, the driver's name, the mount program. Options as buildah gives them: userxattr
    // because it mounts inside a user namespace, nodev as the runner's overlay.mountopt; two lower layers as any
    // image with a base has. It removes what it made (and what a killed trial left) as root of its namespace: the
    // kernel leaves a mode-0 work folder the runner itself may not be able to remove. A kernel overlay mount ends
    // with the trial's mount namespace, so only fuse-overlayfs is unmounted. Shell builtins wherever they do, since
    // every process started here is time on every build in a fresh pod.
    private const string Script = """
        d=$1 kind=$2 program=$3 fuse=
        clear() { rm -rf "$d/lower1" "$d/lower2" "$d/upper" "$d/work" "$d/merged"; }
        finish() {
          status=$?
          if [ -n "$fuse" ]; then fusermount3 -u "$d/merged" 2>/dev/null || umount "$d/merged"; fi
          clear
          exit $status
        }
        trap finish EXIT
        if [ -e "$d/lower1" ] || [ -e "$d/lower2" ] || [ -e "$d/upper" ] || [ -e "$d/work" ] || [ -e "$d/merged" ]; then clear; fi
        mkdir "$d/lower1" "$d/lower2" "$d/upper" "$d/work" "$d/merged" || exit 1
        echo lower >"$d/lower1/lower" || exit 1
        layers="lowerdir=$d/lower2:$d/lower1,upperdir=$d/upper,workdir=$d/work"
        if [ "$kind" = overlay ]; then
          mount -t overlay -o "$layers,userxattr,nodev" build-runner-probe "$d/merged" || exit 3
        else
          "$program" -o "$layers" "$d/merged" || exit 3
          fuse=1
        fi
        echo probe >"$d/merged/probe" || exit 4
        read -r shown <"$d/merged/lower" && [ "$shown" = lower ] || { echo "a lower layer's file does not show through the mount" >&2; exit 4; }
        [ -f "$d/upper/probe" ] || { echo "a file written through the mount did not land in the upper layer" >&2; exit 4; }
        """;

    /// <inheritdoc />
    public async Task<string?> TryAsync(StorageConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration.GraphRoot;
        if (configuration.Driver == StorageDriver.Vfs)
        {
            return TryWrite(store);
        }
        if (configuration.Driver == StorageDriver.Overlay
            && BackingFileSystem.NativeOverlayProblem((fileSystemType ?? FileSystemType.Of)(store)) is string unsupported)
        {
            return unsupported;
        }
        if (TryWrite(store) is string unwritable)
        {
            return unwritable;
        }
        if ((entryTypes ?? DirectoryEntryTypes.Reported)(store) == false)
        {
            return $"the file system under {store} does not record file types in directory entries (d_type), which the overlay driver needs (an xfs made with ftype=0?)";
        }
        return await MountAsync(configuration, cancellationToken);
    }

    private async Task<string?> MountAsync(StorageConfiguration configuration, CancellationToken cancellationToken)
    {
        var driver = configuration.Driver.ToName();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TrialTimeout);
        BufferedCommandResult result;
        try
        {
            result = await CliWrap.Cli.Wrap(unshareTool)
                .WithArguments(["--user", "--map-root-user", "--mount", "--", "sh", "-c", Script, "sh",
                    configuration.GraphRoot, driver, configuration.FuseOverlayfsPath ?? "/usr/bin/fuse-overlayfs"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"mounting {driver} did not finish within {TrialTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Without util-linux the trial says nothing about the driver: buildah still can.
            return await fallback.TryAsync(configuration, cancellationToken);
        }
        var said = string.Join(" / ", (result.StandardError + "\n" + result.StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            // mount(8)'s pointer to the kernel log, and fuse-overlayfs's note on options it does not know, say nothing.
            .Where(line => !line.StartsWith("dmesg(1)", StringComparison.Ordinal) && !line.StartsWith("unknown argument ignored", StringComparison.Ordinal)));
        return result.ExitCode switch
        {
            0 => null,
            // 126/127: sh, mount or the mount program could not be run, which says nothing about the driver.
            126 or 127 => await fallback.TryAsync(configuration, cancellationToken),
            MountRefused => $"mounting {driver} in a user namespace was refused: {(said.Length > 0 ? said : $"exit status {result.ExitCode}")}",
            WriteFailed => $"{driver} mounted, but writing through it failed: {(said.Length > 0 ? said : $"exit status {result.ExitCode}")}",
            _ => said.Length > 0 ? said : $"{unshareTool} exited with {result.ExitCode}",
        };
    }

    private string? TryWrite(string store)
    {
        var file = fileSystem.Path.Combine(store, "probe");
        try
        {
            fileSystem.File.WriteAllText(file, "build-runner storage probe\n");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write in {store}: {e.Message}";
        }
    }
}
