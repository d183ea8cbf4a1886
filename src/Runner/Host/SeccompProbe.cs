using System.Collections.Immutable;
using System.IO.Abstractions;
using BuildRunner.Posix;
using CliWrap;
using CliWrap.Buffered;

namespace BuildRunner.Host;

/// <summary>
/// Learns what the pod's seccomp profile lets a build do, before any buildah call: the mode from
/// <c>/proc/self/status</c>, the filter's answer to each syscall buildah needs (made in this process with arguments
/// that change nothing), and a real trial in a child process (user and mount namespace, tmpfs mounted and unmounted).
/// </summary>
public sealed class SeccompProbe(IFileSystem fileSystem, string procSelf = "/proc/self", string unshareTool = "unshare")
{
    /// <summary>The syscalls buildah needs beyond containerd's RuntimeDefault for a pod without CAP_SYS_ADMIN.</summary>
    public static ImmutableArray<string> NeededSyscalls { get; } = ["unshare", "mount", "umount2"];

    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads the mode, asks the filter, and makes the namespace trial.</summary>
    public async Task<SeccompFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var mode = ReadMode();
        ImmutableArray<SyscallCheck> syscalls =
        [
            Check("unshare", SyscallAnswers.UnshareNothing(), kernelAnswer: 0),
            Check("mount", SyscallAnswers.MountEmptyPath(), kernelAnswer: SyscallAnswers.ENOENT),
            Check("umount2", SyscallAnswers.UnmountEmptyPath(), kernelAnswer: SyscallAnswers.ENOENT),
        ];
        var trial = await TryNamespacesAsync(cancellationToken);
        return new SeccompFacts(mode, syscalls, trial);
    }

    private SeccompMode ReadMode()
    {
        try
        {
            return SeccompModes.Parse(fileSystem.File.ReadAllText(fileSystem.Path.Combine(procSelf, "status")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SeccompMode.Unknown;
        }
    }

    private static SyscallCheck Check(string syscall, int answer, int kernelAnswer) =>
        new(syscall, answer == kernelAnswer, SyscallAnswers.Name(answer));

    // util-linux's unshare maps the caller to root of a new user namespace (as buildah's re-exec does) and runs a
    // shell there that mounts a tmpfs on an existing folder of the private mount namespace and unmounts it again.
    private async Task<NamespaceTrial> TryNamespacesAsync(CancellationToken cancellationToken)
    {
        var target = fileSystem.Path.GetTempPath();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TrialTimeout);
        BufferedCommandResult result;
        try
        {
            result = await CliWrap.Cli.Wrap(unshareTool)
                .WithArguments(["--user", "--map-root-user", "--mount", "--", "sh", "-c",
                    "mount -t tmpfs build-runner-trial \"$1\" && umount \"$1\"", "sh", target])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NamespaceTrial(true, false, $"{unshareTool} did not finish within {TrialTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return NamespaceTrial.NotRun($"{unshareTool} (util-linux) could not be started: {(e.InnerException ?? e).Message}");
        }
        var said = (result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings("; ");
        return result.ExitCode switch
        {
            0 => new NamespaceTrial(true, true, "created a user and mount namespace and mounted a tmpfs in it"),
            // 126/127: a tool is missing (sh, mount), which says nothing about the namespaces.
            126 or 127 => NamespaceTrial.NotRun($"a tool the trial needs is missing: {said}"),
            _ => new NamespaceTrial(true, false, said.Length > 0 ? said : $"{unshareTool} exited with {result.ExitCode}"),
        };
    }
}
