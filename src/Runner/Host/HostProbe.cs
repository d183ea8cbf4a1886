using System.IO.Abstractions;

namespace BuildRunner.Host;

/// <summary>Reads <see cref="HostFacts"/> from <c>/proc/self</c> through a file-system abstraction, so tests can give any view.</summary>
public sealed class HostProbe(IFileSystem fileSystem, string procSelf = "/proc/self")
{
    /// <summary>Reads the ID maps and the process status.</summary>
    /// <exception cref="RunnerException">/proc is not readable or not in the kernel's format.</exception>
    public HostFacts Read()
    {
        var uidMap = ReadMap("uid_map");
        var gidMap = ReadMap("gid_map");
        var status = ReadText("status");
        try
        {
            return new HostFacts(new UserNamespace(uidMap, gidMap), ProcessCredentials.Parse(status));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Unreadable("status", e);
        }
    }

    private IdMap ReadMap(string name)
    {
        var text = ReadText(name);
        try
        {
            return IdMap.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Unreadable(name, e);
        }
    }

    private string ReadText(string name)
    {
        var path = fileSystem.Path.Combine(procSelf, name);
        try
        {
            return fileSystem.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(name, e);
        }
    }

    private RunnerException Unreadable(string name, Exception cause) => FailureCatalog.ProcUnreadable.Fails(
        $"reading {fileSystem.Path.Combine(procSelf, name)}: {cause.Message}",
        "mount /proc in the build container (every Kubernetes container has it); the runner needs it to see its user namespace and capabilities",
        cause);
}
