using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// One <c>ctr run</c> of the builder image shaped as a build pod with <c>hostUsers: false</c>: a user namespace mapping
/// container root to <see cref="ContainerdFixture.HostIdOfRoot"/>, only the four capabilities, no new privileges
/// (ctr's default), a read-only root, tmpfs at /tmp, /var/tmp and /run, an emptyDir-like volume at /var/lib/containers,
/// the build context at /workspace, an output folder at /out and a downward-API-like folder at /etc/podinfo holding the
/// annotations file. The network namespace is the container's own (see <see cref="PodNetworkRegistry"/>).
/// </summary>
public sealed class ContainerdPod : IAsyncDisposable
{
    /// <summary>The capabilities the pod is granted (deploy/: drop ALL, add these).</summary>
    public static readonly IReadOnlyList<string> PodCapabilities = ["CAP_SETUID", "CAP_SETGID", "CAP_SETFCAP", "CAP_SYS_CHROOT"];

    /// <summary>
    /// ctr 1.6's default capability set (containerd's oci.defaultUnixCaps; hack/seccomp-profile.sh lists the same).
    /// Each one not in <see cref="PodCapabilities"/> is dropped by name: <c>--cap-drop CAP_ALL</c> does not work in ctr 1.6.
    /// </summary>
    public static readonly IReadOnlyList<string> ContainerdDefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private const string Signal = "/signal/go";

    private readonly ContainerdFixture containerd;
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(4));
    private Task<ProcessResult>? completion;

    internal ContainerdPod(ContainerdFixture containerd, string name)
    {
        this.containerd = containerd;
        Id = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)];
        Dir = Path.Combine(containerd.Dir, "pods", Id);
        foreach (var folder in new[] { Storage, Out, Workspace, PodInfo, SignalFolder })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The container's ID in containerd.</summary>
    public string Id { get; }

    /// <summary>The pod's folder on the node (under the fixture's folder).</summary>
    public string Dir { get; }

    /// <summary>The volume at /var/lib/containers, owned by the mapped root as a kubelet-made emptyDir would be.</summary>
    public string Storage => Path.Combine(Dir, "storage");

    /// <summary>The writable folder at /out (result file and termination message), owned by the mapped root.</summary>
    public string Out => Path.Combine(Dir, "out");

    /// <summary>The build context, mounted read-only at /workspace.</summary>
    public string Workspace => Path.Combine(Dir, "workspace");

    /// <summary>The folder mounted read-only at /etc/podinfo (as a downwardAPI volume is), holding <c>annotations</c>.</summary>
    public string PodInfo => Path.Combine(Dir, "podinfo");

    /// <summary>The result file as the node sees it (the runner is told <c>--result /out/result.json</c>).</summary>
    public string ResultPath => Path.Combine(Out, "result.json");

    /// <summary>The termination message as the node sees it (<c>--termination-log /out/termination-log</c>).</summary>
    public string TerminationLogPath => Path.Combine(Out, "termination-log");

    /// <summary>The task's PID on the node (the container's init process), once <see cref="StartAsync"/> returned.</summary>
    public int TaskPid { get; private set; }

    /// <summary>The <c>ctr run</c> process: ends when the task ends (the runner's exit code, its output).</summary>
    public Task<ProcessResult> Completion => completion ?? throw new InvalidOperationException("the pod was not started");

    private string SignalFolder => Path.Combine(Dir, "signal");

    private string PidFile => Path.Combine(Dir, "task.pid");

    /// <summary>Writes the build context's files (name → content) into <see cref="Workspace"/>.</summary>
    public void AddContext(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(Workspace, name), content);
        }
    }

    /// <summary>Copies a file from the node into the build context.</summary>
    public void CopyIntoContext(string source, string name) => File.Copy(source, Path.Combine(Workspace, name));

    /// <summary>
    /// The <c>ctr run</c> arguments: the pod's shape, <paramref name="seccompProfile"/> (a file, or null for containerd's
    /// generated RuntimeDefault), the image, and a command that waits for <see cref="Release"/> and then execs
    /// <c>build-runner</c> with <paramref name="runnerArguments"/>.
    /// </summary>
    public IReadOnlyList<string> RunArguments(string image, string? seccompProfile, IEnumerable<string> runnerArguments)
    {
        var ids = string.Create(CultureInfo.InvariantCulture, $"0:{ContainerdFixture.HostIdOfRoot}:{ContainerdFixture.Size}");
        List<string> args =
        [
            "run", "--rm", "--runc-root", Path.Combine(containerd.Dir, "runc"), "--fifo-dir", Path.Combine(containerd.Dir, "fifo"),
            "--pid-file", PidFile,
            "--uidmap", ids, "--gidmap", ids,
        ];
        foreach (var capability in ContainerdDefaultCapabilities.Except(PodCapabilities))
        {
            args.AddRange(["--cap-drop", capability]);
        }
        foreach (var capability in PodCapabilities)
        {
            args.AddRange(["--cap-add", capability]);
        }
        args.Add("--seccomp");
        if (seccompProfile is not null)
        {
            args.AddRange(["--seccomp-profile", seccompProfile]);
        }
        args.AddRange(
        [
            "--read-only",
            "--mount", "type=tmpfs,src=tmpfs,dst=/tmp,options=rw:nosuid:nodev",
            "--mount", "type=tmpfs,src=tmpfs,dst=/var/tmp,options=rw:nosuid:nodev",
            "--mount", "type=tmpfs,src=tmpfs,dst=/run,options=rw:nosuid:nodev",
            "--mount", $"type=bind,src={Storage},dst=/var/lib/containers,options=rbind:rw",
            "--mount", $"type=bind,src={Out},dst=/out,options=rbind:rw",
            "--mount", $"type=bind,src={Workspace},dst=/workspace,options=rbind:ro",
            "--mount", $"type=bind,src={PodInfo},dst=/etc/podinfo,options=rbind:ro",
            "--mount", $"type=bind,src={SignalFolder},dst={Path.GetDirectoryName(Signal)},options=rbind:ro",
            image, Id,
            // The runner must not start before the registry listens in the pod's network namespace, and that namespace
            // exists only once the task does. A start signal on a mount (rather than `ctr run -d` with an idle process
            // and `ctr task exec`) keeps the runner what it is in a pod: the container's init process (PID 1, `exec`),
            // started from the container's own process spec, whose exit code is the task's and ctr run's.
            "/bin/sh", "-c", $"while [ ! -e {Signal} ]; do sleep 0.1; done; exec /usr/local/bin/build-runner \"$@\"", "sh",
            .. runnerArguments,
        ]);
        return args;
    }

    /// <summary>
    /// Starts <c>ctr run</c> (see <see cref="RunArguments"/>) and returns once the task runs, with <see cref="TaskPid"/>
    /// set; the runner itself waits for <see cref="Release"/>.
    /// </summary>
    public async Task StartAsync(string image, string? seccompProfile, params string[] runnerArguments)
    {
        if (completion is not null)
        {
            throw new InvalidOperationException("the pod was already started");
        }
        // Whatever the pod reads must be readable by the mapped IDs ("others" on the node), and every folder above it searchable.
        await Run.CheckedAsync("chmod", "755", containerd.Dir, Path.GetDirectoryName(Dir)!, Dir);
        await Run.CheckedAsync("chmod", "-R", "a+rX", Workspace, PodInfo, SignalFolder);
        // As a kubelet-made emptyDir is for a user-namespaced pod: owned by the pod's root on the node.
        foreach (var folder in new[] { Storage, Out })
        {
            await Run.CheckedAsync("chown", $"{ContainerdFixture.HostIdOfRoot}:{ContainerdFixture.HostIdOfRoot}", folder);
        }
        var args = RunArguments(image, seccompProfile, runnerArguments);
        completion = RunCtrAsync(args);
        // The first run of a mapping also makes containerd's remapped copy of the image's snapshot (seconds).
        for (var waited = TimeSpan.Zero; TaskPid == 0; waited += TimeSpan.FromMilliseconds(100))
        {
            if (completion.IsCompleted)
            {
                var early = await completion;
                throw new InvalidOperationException($"ctr run ended before the task was seen (exit {early.ExitCode}):\n{early.All}");
            }
            if (waited > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("ctr run did not start the task within 2 minutes");
            }
            if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                TaskPid = pid;
                break;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Writes /etc/podinfo/annotations in the kubelet's format: keys sorted, one <c>key="value"</c> line each (Go
    /// quoting; only printable ASCII is accepted here, so escaping <c>\</c> and <c>"</c> is all of it), no trailing newline.
    /// </summary>
    public void WriteAnnotations(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var lines = annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a =>
        {
            if (a.Value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"annotation {a.Key}: only printable ASCII is supported here", nameof(annotations));
            }
            return a.Key + "=\"" + a.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        });
        File.WriteAllText(Path.Combine(PodInfo, "annotations"), string.Join('\n', lines), new UTF8Encoding(false));
    }

    /// <summary>Lets the waiting container exec the runner.</summary>
    public void Release() => File.WriteAllText(Path.Combine(SignalFolder, Path.GetFileName(Signal)), "");

    /// <summary>The result file the runner wrote.</summary>
    public JsonElement ReadResult() => JsonDocument.Parse(File.ReadAllText(ResultPath)).RootElement;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (completion is not null)
        {
            if (!completion.IsCompleted)
            {
                // A failed test left the task running: end it; ctr run --rm then removes the container.
                await containerd.CtrAsync("tasks", "kill", "--signal", "SIGKILL", Id);
                await Task.WhenAny(completion, Task.Delay(TimeSpan.FromSeconds(15)));
            }
            // If ctr itself was stopped (timeout), its --rm did not happen.
            await containerd.CtrAsync("tasks", "delete", "--force", Id);
            await containerd.CtrAsync("containers", "delete", Id);
        }
        timeout.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Something still holds a file; hack/containerd.sh stop removes the whole folder at the end.
        }
    }

    private async Task<ProcessResult> RunCtrAsync(IReadOnlyList<string> args)
    {
        var result = await CliWrap.Cli.Wrap("ctr")
            .WithArguments(["--address", containerd.Socket, "--namespace", ContainerdFixture.Namespace, .. args])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        return new ProcessResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
