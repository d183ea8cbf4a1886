using System.Collections.Immutable;
using System.Globalization;
using BuildRunner.Settings;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Buildah;

/// <summary>Turns settings into buildah's command lines.</summary>
public static class BuildahArguments
{
    /// <summary>The transport prefix buildah push wants for a registry.</summary>
    public const string DockerTransport = "docker://";

    /// <summary>
    /// <c>buildah bud</c> for <paramref name="settings"/>, with chroot isolation and the RUN-step capabilities made
    /// explicit (<c>--cap-drop all</c>, then each kept one), writing the image ID to <paramref name="iidFile"/>.
    /// <paramref name="layers"/> and <paramref name="cache"/> are the planner's decisions (the layers setting may say
    /// <c>auto</c>); the cache is passed only with layers, the one way buildah uses it. <paramref name="jobs"/> is how many
    /// stages buildah builds at once (the planner's count: the setting, else the pod's CPUs).
    /// </summary>
    public static ImmutableArray<string> Bud(BuildSettings settings, bool layers, LayerCache? cache, string contextDirectory, string? containerfile, string iidFile, int jobs = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string>(Global(settings))
        {
            "bud",
            "--isolation", "chroot",
            "--format", settings.Format.ToName(),
            "--layers=" + Bool(layers),
            "--pull=" + PullFlag(settings.PullPolicy),
            "--tls-verify=" + Bool(settings.TlsVerify),
            "--retry", Count(settings.Retries),
            "--retry-delay", DurationText.Format(settings.RetryDelay),
            "--iidfile", iidFile,
            "--jobs", Count(Math.Max(1, jobs)),
            "--cap-drop", "all",
        };
        foreach (var capability in settings.RunCapabilities)
        {
            args.Add("--cap-add");
            args.Add(capability);
        }
        // Proxy variables are for buildah's pulls and pushes (BuildahEnvironment); buildah would hand them to RUN steps.
        args.Add("--http-proxy=false");
        args.Add("--skip-unused-stages=" + Bool(settings.SkipUnusedStages));
        args.Add("--identity-label=" + Bool(settings.IdentityLabel));
        if (settings.NoCache)
        {
            args.Add("--no-cache");
        }
        if (layers && cache is not null)
        {
            args.AddRange(["--cache-from", cache.Repository]);
            if (cache.Push)
            {
                args.AddRange(["--cache-to", cache.Repository]);
            }
        }
        if (settings.Squash)
        {
            args.Add("--squash");
        }
        if (settings.OmitHistory)
        {
            args.Add("--omit-history");
        }
        if (settings.AuthFile is string auth)
        {
            args.AddRange(["--authfile", auth]);
        }
        if (settings.CertDir is string certDir)
        {
            args.AddRange(["--cert-dir", certDir]);
        }
        if (settings.SignaturePolicy is string policy)
        {
            args.AddRange(["--signature-policy", policy]);
        }
        if (containerfile is not null)
        {
            args.AddRange(["--file", containerfile]);
        }
        if (settings.FromImage is string from)
        {
            args.AddRange(["--from", from]);
        }
        if (settings.Target is string target)
        {
            args.AddRange(["--target", target]);
        }
        if (settings.Timestamp is long timestamp)
        {
            args.AddRange(["--timestamp", timestamp.ToString(CultureInfo.InvariantCulture)]);
        }
        foreach (var image in settings.OutputImages)
        {
            args.AddRange(["--tag", WithoutTransport(image)]);
        }
        foreach (var (name, value) in settings.BuildArgs)
        {
            args.AddRange(["--build-arg", $"{name}={value}"]);
        }
        foreach (var secret in settings.Secrets)
        {
            args.AddRange(["--secret", secret.ToArgument()]);
        }
        foreach (var (name, value) in settings.Labels)
        {
            args.AddRange(["--label", $"{name}={value}"]);
        }
        foreach (var (name, value) in settings.ImageAnnotations)
        {
            args.AddRange(["--annotation", $"{name}={value}"]);
        }
        foreach (var (name, value) in settings.Env)
        {
            args.AddRange(["--env", $"{name}={value}"]);
        }
        foreach (var (name, value) in settings.BuildContexts)
        {
            args.AddRange(["--build-context", $"{name}={value}"]);
        }
        args.Add(contextDirectory);
        return [.. args];
    }

    /// <summary><c>buildah push</c> of <paramref name="image"/> to its registry, writing the manifest digest to <paramref name="digestFile"/>.</summary>
    public static ImmutableArray<string> Push(BuildSettings settings, string image, string digestFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reference = WithoutTransport(image);
        var args = new List<string>(Global(settings))
        {
            "push", "--digestfile", digestFile, "--tls-verify=" + Bool(settings.TlsVerify),
            "--retry", Count(settings.Retries), "--retry-delay", DurationText.Format(settings.RetryDelay),
        };
        if (settings.AuthFile is string auth)
        {
            args.AddRange(["--authfile", auth]);
        }
        if (settings.CertDir is string certDir)
        {
            args.AddRange(["--cert-dir", certDir]);
        }
        if (settings.SignaturePolicy is string policy)
        {
            args.AddRange(["--signature-policy", policy]);
        }
        args.Add(reference);
        args.Add(DockerTransport + reference);
        return [.. args];
    }

    /// <summary>
    /// <c>buildah pull</c> of <paramref name="image"/> into the store (for <c>prefetch</c>). buildah 1.28's pull knows
    /// the policies missing, always and never: <c>newer</c> pulls always, which fetches only a changed manifest's new
    /// blobs since the layers already in the store are reused.
    /// </summary>
    public static ImmutableArray<string> Pull(BuildSettings settings, string image)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = settings.PullPolicy switch
        {
            PullPolicy.Always or PullPolicy.Newer => "always",
            PullPolicy.Never => "never",
            _ => "missing",
        };
        var args = new List<string>(Global(settings))
        {
            "pull", "--policy", policy, "--tls-verify=" + Bool(settings.TlsVerify),
            "--retry", Count(settings.Retries), "--retry-delay", DurationText.Format(settings.RetryDelay),
        };
        if (settings.AuthFile is string auth)
        {
            args.AddRange(["--authfile", auth]);
        }
        if (settings.CertDir is string certDir)
        {
            args.AddRange(["--cert-dir", certDir]);
        }
        args.Add(WithoutTransport(image));
        return [.. args];
    }

    /// <summary>
    /// <c>buildah pull</c> of <paramref name="pinned"/> (<c>NAME@sha256:...</c>) with the push's credentials, certificates
    /// and TLS setting, quietly: it reads back what a push stored.
    /// </summary>
    public static ImmutableArray<string> PullPinned(BuildSettings settings, string pinned)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string>(Global(settings))
        {
            "pull", "--quiet", "--tls-verify=" + Bool(settings.TlsVerify),
            "--retry", Count(settings.Retries), "--retry-delay", DurationText.Format(settings.RetryDelay),
        };
        if (settings.AuthFile is string auth)
        {
            args.AddRange(["--authfile", auth]);
        }
        if (settings.CertDir is string certDir)
        {
            args.AddRange(["--cert-dir", certDir]);
        }
        args.Add(DockerTransport + pinned);
        return [.. args];
    }

    /// <summary><c>buildah inspect</c> printing the stored manifest of <paramref name="pinned"/>, its bytes unchanged, on one line.</summary>
    public static ImmutableArray<string> InspectManifest(string pinned) => ["inspect", "--type", "image", "--format", "{{.Manifest}}", pinned];

    /// <summary>An image reference without a leading <c>docker://</c>.</summary>
    public static string WithoutTransport(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.StartsWith(DockerTransport, StringComparison.Ordinal) ? image[DockerTransport.Length..] : image;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    // buildah's own debug output, for a build whose log-level is debug, and the registries.conf to use; its global
    // flags precede the verb.
    private static List<string> Global(BuildSettings settings)
    {
        var global = new List<string>();
        if (settings.LogLevel == LogLevel.Debug)
        {
            global.AddRange(["--log-level", "debug"]);
        }
        if (settings.RegistriesConf is string registries)
        {
            global.AddRange(["--registries-conf", registries]);
        }
        return global;
    }

    // buildah 1.28's --pull: false = only when missing, true = when missing or newer.
    private static string PullFlag(PullPolicy policy) => policy switch
    {
        PullPolicy.Newer => "true",
        PullPolicy.Always => "always",
        PullPolicy.Never => "never",
        _ => "false",
    };
}
