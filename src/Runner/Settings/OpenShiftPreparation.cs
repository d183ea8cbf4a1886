using System.Collections.Immutable;
using System.IO.Abstractions;
using System.Text;

namespace BuildRunner.Settings;

/// <summary>
/// What a custom build needs from the pod besides the Build object, read and laid out for buildah: the push and pull
/// secrets as one auth file, the registry CAs as a certs.d tree, the inline Dockerfile, and the cluster's
/// registries.conf and signature policy where OpenShift mounts them. The files are only planned here
/// (<see cref="Files"/>); <see cref="Write"/> puts them into the run's work folder.
/// </summary>
/// <param name="Files">The files to write, under <see cref="Folder"/>.</param>
/// <param name="Folder">The folder they go in (inside the run's work folder).</param>
/// <param name="AuthFile">The converted auth file, or null when neither secret holds credentials.</param>
/// <param name="CertsDirectory">The certs.d tree, or null when no registry CA is mounted.</param>
/// <param name="Dockerfile">The inline Dockerfile, or null.</param>
/// <param name="SourceFolder">The folder the inline Dockerfile is in (a context holding nothing else), or null.</param>
/// <param name="RegistriesConf">The cluster's registries.conf, when mounted.</param>
/// <param name="SignaturePolicy">The cluster's policy.json, when mounted.</param>
/// <param name="Notes">What was found and used, for the log (registries and files, never their content).</param>
/// <param name="Warnings">What was found and could not be used.</param>
public sealed record OpenShiftPreparation(
    ImmutableArray<PreparedFile> Files,
    string Folder,
    string? AuthFile,
    string? CertsDirectory,
    string? Dockerfile,
    string? SourceFolder,
    string? RegistriesConf,
    string? SignaturePolicy,
    ImmutableArray<string> Notes,
    ImmutableArray<string> Warnings)
{
    /// <summary>The folder inside the work folder that holds what is prepared for an OpenShift build.</summary>
    public const string FolderName = "openshift";

    /// <summary>Nothing to prepare.</summary>
    public static OpenShiftPreparation None { get; } = new([], "", null, null, null, null, null, null, [], []);

    /// <summary>Reads the secrets, CAs and configuration <paramref name="environment"/> names for <paramref name="build"/>, planning files under <paramref name="workDirectory"/>.</summary>
    /// <exception cref="RunnerException"><c>authfile-invalid</c>: a registry secret cannot be read or used.</exception>
    public static OpenShiftPreparation Read(IFileSystem fs, OpenShiftEnvironment environment, OpenShiftBuild build, string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(workDirectory);
        var folder = fs.Path.Combine(workDirectory, FolderName);
        var files = ImmutableArray.CreateBuilder<PreparedFile>();
        var notes = ImmutableArray.CreateBuilder<string>();
        var warnings = ImmutableArray.CreateBuilder<string>();

        // Pull first, push last: for a registry both name, pushing needs the push secret, which can pull as well.
        var sources = new List<DockercfgConversion.Source>();
        foreach (var (role, variable, path) in new[]
        {
            ("pull secret", OpenShiftEnvironment.PullDockercfgVariable, environment.PullDockercfgPath),
            ("push secret", OpenShiftEnvironment.PushDockercfgVariable, environment.PushDockercfgPath),
        })
        {
            if (path is null)
            {
                continue;
            }
            if (OpenShiftBuildReader.ResolveAuthFile(fs, path) is not string file)
            {
                warnings.Add($"{variable} names \"{path}\", which holds neither .dockerconfigjson nor .dockercfg; the {role} is not used");
                continue;
            }
            sources.Add(new DockercfgConversion.Source(role, file, ReadSecret(fs, role, file)));
        }
        string? authFile = null;
        if (sources.Count > 0)
        {
            var converted = DockercfgConversion.Convert(sources);
            warnings.AddRange(converted.Warnings);
            if (!converted.Registries.IsEmpty)
            {
                authFile = fs.Path.Combine(folder, "auth.json");
                files.Add(new PreparedFile(authFile, converted.Json));
                notes.Add($"registry credentials for {string.Join(", ", converted.Registries)} from {string.Join(" and ", sources.Select(s => $"the {s.Role} \"{s.Path}\""))}, converted to \"{authFile}\"");
            }
        }

        var (certificates, certWarnings) = RegistryCertificates.Read(fs, environment.CertsFolder);
        warnings.AddRange(certWarnings);
        string? certsDirectory = null;
        if (!certificates.IsEmpty)
        {
            certsDirectory = fs.Path.Combine(folder, RegistryCertificates.CertsD);
            files.AddRange(certificates.Select(c => new PreparedFile(fs.Path.Combine(certsDirectory, c.Registry, c.FileName), c.Content)));
            notes.Add($"registry CAs from \"{environment.CertsFolder}\" for {string.Join(", ", certificates.Select(c => c.Registry).Distinct())}, installed in \"{certsDirectory}\"");
        }

        string? dockerfile = null;
        string? sourceFolder = null;
        if (build.InlineDockerfile is string inline)
        {
            sourceFolder = fs.Path.Combine(folder, "source");
            dockerfile = fs.Path.Combine(sourceFolder, "Dockerfile");
            files.Add(new PreparedFile(dockerfile, inline));
        }

        var registriesConf = Existing(fs, environment.RegistriesConfPath ?? fs.Path.Combine(environment.BuildSystemFolder, "registries.conf"));
        var signaturePolicy = Existing(fs, environment.SignaturePolicyPath ?? fs.Path.Combine(environment.BuildSystemFolder, "policy.json"));
        foreach (var (name, what) in new[] { ("registries.d", "signature lookaside configuration"), ("storage.conf", "storage configuration") })
        {
            var path = fs.Path.Combine(environment.BuildSystemFolder, name);
            if (fs.Directory.Exists(path) || fs.File.Exists(path))
            {
                warnings.Add($"\"{path}\" ({what}) is not used: " + (name == "storage.conf"
                    ? "the runner writes its own storage.conf from build-runner/storage-driver and build-runner/storage-root"
                    : "buildah is not pointed at it"));
            }
        }
        return new OpenShiftPreparation(files.ToImmutable(), folder, authFile, certsDirectory, dockerfile, sourceFolder,
            registriesConf, signaturePolicy, notes.ToImmutable(), warnings.ToImmutable());
    }

    /// <summary>Writes <see cref="Files"/>: folders 0700, files 0600.</summary>
    public void Write(IFileSystem fs)
    {
        ArgumentNullException.ThrowIfNull(fs);
        foreach (var file in Files)
        {
            var directory = fs.Path.GetDirectoryName(file.Path)!;
            foreach (var level in Levels(fs, directory))
            {
                if (!fs.Directory.Exists(level))
                {
                    fs.Directory.CreateDirectory(level);
                    Restrict(fs, level, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            // Inside 0700 folders, so no other user reaches it between the write and the mode change.
            fs.File.WriteAllText(file.Path, file.Content);
            Restrict(fs, file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    // The folders from the preparation folder down to the file's, each made private.
    private Stack<string> Levels(IFileSystem fs, string directory)
    {
        var levels = new Stack<string>();
        for (var level = directory; level.Length >= Folder.Length && level.StartsWith(Folder, StringComparison.Ordinal); level = fs.Path.GetDirectoryName(level) ?? "")
        {
            levels.Push(level);
        }
        if (levels.Count == 0)
        {
            levels.Push(directory);
        }
        return levels;
    }

    private static void Restrict(IFileSystem fs, string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            fs.File.SetUnixFileMode(path, mode);
        }
    }

    private static string? Existing(IFileSystem fs, string path) => fs.File.Exists(path) ? path : null;

    private static string ReadSecret(IFileSystem fs, string role, string path)
    {
        try
        {
            return fs.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FailureCatalog.AuthFileInvalid.Fails($"reading the {role} \"{path}\": {e.Message}",
                "check that the Secret is mounted readable for the build container's user (OpenShift mounts it with mode 0600 for the pod's user)", e);
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Files = ").Append(string.Join(", ", Files.Select(f => f.Path)))
            .Append(", AuthFile = ").Append(AuthFile).Append(", CertsDirectory = ").Append(CertsDirectory)
            .Append(", Dockerfile = ").Append(Dockerfile).Append(", RegistriesConf = ").Append(RegistriesConf)
            .Append(", SignaturePolicy = ").Append(SignaturePolicy);
        return true;
    }
}
