using System.Text.Json;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A user-namespaced stand-in for a build pod (hack/sandbox.sh): container root is node UID 100000. Each test gets
/// its own folder, removed on dispose.
/// </summary>
public sealed class Sandbox : IDisposable
{
    /// <summary>Where sandboxes live: outside /tmp, /run and /var/tmp, which the sandbox covers with its own tmpfs.</summary>
    public const string Base = "/var/lib/build-runner-sandbox";

    /// <summary>Container root's UID on the node.</summary>
    public const long HostUidOfRoot = 100000;

    /// <summary>How many IDs the sandbox maps.</summary>
    public const long Size = 65536;

    private Sandbox(string dir) => Dir = dir;

    /// <summary>The sandbox's folder on the node.</summary>
    public string Dir { get; }

    /// <summary>A folder the pod can write (results, termination messages).</summary>
    public string Out => Path.Combine(Dir, "out");

    /// <summary>The emptyDir mounted at /var/lib/containers inside.</summary>
    public string Volume => Path.Combine(Dir, "volume");

    /// <summary>The runner binary as the pod sees it.</summary>
    public string Binary => Path.Combine(Dir, "bin", "build-runner");

    /// <summary>The annotations file as the pod sees it (kubelet layout).</summary>
    public string AnnotationsPath => Path.Combine(Dir, "podinfo", "annotations");

    /// <summary>The result file the runner is told to write.</summary>
    public string ResultPath => Path.Combine(Out, "result.json");

    /// <summary>The termination message file the runner is told to write.</summary>
    public string TerminationLogPath => Path.Combine(Out, "termination-log");

    /// <summary>Makes a new sandbox folder.</summary>
    public static Sandbox Create(string name)
    {
        var dir = Path.Combine(Base, $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)]);
        Directory.CreateDirectory(dir);
        return new Sandbox(dir);
    }

    /// <summary>Copies a build context from the checkout (or anywhere) into the sandbox; returns its path.</summary>
    public string AddContext(string source, string name)
    {
        var target = Path.Combine(Dir, name);
        CopyDirectory(source, target);
        return target;
    }

    /// <summary>Writes a build context from files given as name → content; returns its path.</summary>
    public string AddContext(string name, IReadOnlyDictionary<string, string> files)
    {
        var target = Path.Combine(Dir, name);
        Directory.CreateDirectory(target);
        foreach (var (file, content) in files)
        {
            File.WriteAllText(Path.Combine(target, file), content);
        }
        return target;
    }

    /// <summary>Runs <paramref name="command"/> inside the sandbox, with the annotations file in kubelet format when given.</summary>
    public Task<ProcessResult> RunAsync(SandboxOptions options, string? annotationsText, params string[] command) =>
        RunAsync(options, annotationsText, null, command);

    /// <summary>Runs <paramref name="command"/> inside the sandbox with extra environment variables (such as BUILD).</summary>
    public Task<ProcessResult> RunAsync(SandboxOptions options, string? annotationsText, IReadOnlyDictionary<string, string?>? environment, params string[] command)
    {
        var args = new List<string> { "--dir", Dir };
        if (annotationsText is not null)
        {
            var source = Path.Combine(Dir, "annotations.source");
            File.WriteAllText(source, annotationsText);
            args.AddRange(["--annotations", source]);
        }
        if (options.User is int user)
        {
            args.AddRange(["--user", user.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (options.Bounding is string bounding)
        {
            args.AddRange(["--bounding", bounding]);
        }
        if (options.NoNewPrivileges)
        {
            args.Add("--no-new-privs");
        }
        if (options.SetuidNewUidMap)
        {
            args.Add("--setuid-newuidmap");
        }
        if (options.NoContainersVolume)
        {
            args.Add("--no-containers-volume");
        }
        if (options.Size is int size)
        {
            args.AddRange(["--size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (options.HostBase is long hostBase)
        {
            args.AddRange(["--host-base", hostBase.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        foreach (var (node, inside) in options.ReadOnlyBinds)
        {
            args.AddRange(["--bind-ro", $"{node}:{inside}"]);
        }
        args.Add("--");
        args.AddRange(command);
        return Run.ProcessAsync(Repository.Path_("hack", "sandbox.sh"), args, environment);
    }

    /// <summary>Runs <c>build-runner build</c> in the sandbox with the result and termination files in <see cref="Out"/>.</summary>
    public Task<ProcessResult> BuildAsync(SandboxOptions options, string? annotationsText, params string[] buildArguments)
    {
        string[] command =
        [
            Binary, "build",
            .. annotationsText is null ? Array.Empty<string>() : ["--annotations", AnnotationsPath],
            "--result", ResultPath,
            "--termination-log", TerminationLogPath,
            .. buildArguments,
        ];
        return RunAsync(options, annotationsText, command);
    }

    /// <summary>The result file the last build wrote.</summary>
    public JsonElement ReadResult() => JsonDocument.Parse(File.ReadAllText(ResultPath)).RootElement;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A mount still held by a process that outlived its namespace would keep files busy; retry once.
            Thread.Sleep(500);
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }
}
