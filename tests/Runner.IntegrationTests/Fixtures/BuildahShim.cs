namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A <c>buildah</c> first on the sandbox pod's PATH that records each call's arguments, then runs the real one: what
/// the runner asked buildah to do, seen from outside the runner.
/// </summary>
public sealed class BuildahShim
{
    private readonly string callsPath;

    private BuildahShim(string directory, string callsPath)
    {
        Folder = directory;
        this.callsPath = callsPath;
    }

    /// <summary>The folder holding the shim.</summary>
    public string Folder { get; }

    /// <summary>The environment that puts the shim first on the PATH.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PATH"] = Folder + ":" + System.Environment.GetEnvironmentVariable("PATH"),
    };

    /// <summary>Writes the shim into <paramref name="sandbox"/>; calls are recorded in its out folder.</summary>
    public static BuildahShim Install(Sandbox sandbox)
    {
        var dir = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "shim")).FullName;
        var calls = Path.Combine(sandbox.Out, "buildah-calls");
        var path = Path.Combine(dir, "buildah");
        // One line per call, arguments separated by the unit separator (0x1f).
        File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\037' \"$@\" >>{calls}\necho >>{calls}\nexec /usr/bin/buildah \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new BuildahShim(dir, calls);
    }

    /// <summary>The build and push calls so far (the storage probe's from/copy/rm calls are left out).</summary>
    public IReadOnlyList<string[]> BuildAndPushCalls() => File.Exists(callsPath)
        ? [.. File.ReadAllLines(callsPath).Select(line => line.TrimEnd('\x1f').Split('\x1f')).Where(argv => argv.Contains("bud") || argv.Contains("push"))]
        : [];

    /// <summary>The <c>bud</c> calls so far.</summary>
    public IReadOnlyList<string[]> BudCalls() => [.. BuildAndPushCalls().Where(argv => argv.Contains("bud"))];

    /// <summary>Forgets the calls so far.</summary>
    public void Clear() => File.Delete(callsPath);
}
