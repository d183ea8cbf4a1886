using System.IO.Abstractions;
using BuildRunner.Identity;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Execution;

/// <summary>Carries out a <see cref="RootlessSetup"/>: the passwd/group entry, /etc/subuid and /etc/subgid.</summary>
public sealed class RootlessActions(IFileSystem fileSystem, ILogger log)
{
    /// <summary>Writes what the setup says must change, where the pod allows it.</summary>
    /// <exception cref="RunnerException">A passwd entry is needed and /etc/passwd cannot be written.</exception>
    public void Apply(RootlessSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Passwd.NewPasswd is string passwd)
        {
            Write(IdentityFiles.PasswdPath, passwd, $"the pod user {setup.Uid} has no /etc/passwd entry, which rootless buildah needs to find its subordinate IDs");
            log.LogInformation("added {Name} ({Uid}) to /etc/passwd", setup.UserName, setup.Uid);
        }
        if (setup.Passwd.NewGroup is string group)
        {
            Write(IdentityFiles.GroupPath, group, $"the pod group {setup.Gid} has no /etc/group entry");
        }
        var writer = new SubIdWriter(fileSystem);
        foreach (var (path, file, ranges) in new[] { (IdentityFiles.SubUidPath, setup.SubUidFile, setup.SubUids), (IdentityFiles.SubGidPath, setup.SubGidFile, setup.SubGids) })
        {
            if (file is null)
            {
                continue;
            }
            var outcome = writer.Write(path, file);
            if (outcome.Written)
            {
                log.LogInformation("wrote {Path}: {Lines}", path, string.Join(", ", ranges.Select(r => $"{setup.UserName}:{r.Start}:{r.Count}")));
            }
        }
    }

    private void Write(string path, string text, string why)
    {
        try
        {
            // In place: /etc itself is rarely writable in a pod, while an image may make the file writable.
            fileSystem.File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FailureCatalog.PasswdUnwritable.Fails($"writing {path}: {e.Message}; {why}",
                $"run the pod with a user the image knows, or make {path} writable by the pod user in the image", e);
        }
    }
}
