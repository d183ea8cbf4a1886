using System.Collections.Immutable;
using System.Globalization;
using BuildRunner.Storage;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Settings;

/// <summary>The effective settings of a build, typed. Made from <see cref="ResolvedSettings"/>.</summary>
public sealed record BuildSettings
{
    /// <summary>Context directory.</summary>
    public required string Context { get; init; }

    /// <summary>Containerfile path, or null to let buildah find one in the context.</summary>
    public string? File { get; init; }

    /// <summary>Image references to tag and push; the first is reported.</summary>
    public required ImmutableArray<string> OutputImages { get; init; }

    /// <summary>Whether to push after building.</summary>
    public required bool Push { get; init; }

    /// <summary>Build arguments (values may be secrets: never log them).</summary>
    public required ImmutableArray<KeyValuePair<string, string>> BuildArgs { get; init; }

    /// <summary>Files handed to RUN steps as buildah secrets (their contents are secrets: never log them).</summary>
    public ImmutableArray<BuildSecret> Secrets { get; init; } = [];

    /// <summary>Image labels.</summary>
    public required ImmutableArray<KeyValuePair<string, string>> Labels { get; init; }

    /// <summary>The image that replaces the first FROM's, or null.</summary>
    public string? FromImage { get; init; }

    /// <summary>Environment variables set in the built image.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>The certs.d folder of registry certificates, or null.</summary>
    public string? RegistryCerts { get; init; }

    /// <summary>The registries.conf buildah uses, or null for the image's.</summary>
    public string? RegistriesConf { get; init; }

    /// <summary>The signature policy buildah uses, or null for the image's.</summary>
    public string? SignaturePolicy { get; init; }

    /// <summary>Target stage, or null.</summary>
    public string? Target { get; init; }

    /// <summary>The storage driver asked for, or null for <c>auto</c> (the probe picks).</summary>
    public required StorageDriver? StorageDriver { get; init; }

    /// <summary>Image store directory.</summary>
    public required string StorageRoot { get; init; }

    /// <summary>Read-only image stores buildah takes base images from before pulling.</summary>
    public ImmutableArray<string> ImageStores { get; init; } = [];

    /// <summary>Whether registry TLS is verified.</summary>
    public required bool TlsVerify { get; init; }

    /// <summary>Registry credentials file, or null.</summary>
    public string? AuthFile { get; init; }

    /// <summary>The folder of registry certificates passed as buildah's <c>--cert-dir</c>, or null for certs.d.</summary>
    public string? CertDir { get; init; }

    /// <summary>The file the pushed digest goes to, or null.</summary>
    public string? DigestFile { get; init; }

    /// <summary>The file the pushed <c>NAME@DIGEST</c> goes to, or null.</summary>
    public string? ImageRefFile { get; init; }

    /// <summary>The file the pushed image's compressed size goes to, or null.</summary>
    public string? ImageSizeFile { get; init; }

    /// <summary>The image's manifest format.</summary>
    public required ImageFormat Format { get; init; }

    /// <summary>Whether an image is committed per instruction and earlier ones reused; null for <c>auto</c> (the planner decides).</summary>
    public required bool? Layers { get; init; }

    /// <summary>The registry repository of the layer cache, or null for none.</summary>
    public string? CacheRepo { get; init; }

    /// <summary>Whether new layers are pushed to <see cref="CacheRepo"/> as well as read from it.</summary>
    public bool CachePush { get; init; } = true;

    /// <summary>Whether cached layers are ignored.</summary>
    public required bool NoCache { get; init; }

    /// <summary>When base images are pulled.</summary>
    public required PullPolicy PullPolicy { get; init; }

    /// <summary>Fixed creation time in seconds since the epoch, or null for now.</summary>
    public long? Timestamp { get; init; }

    /// <summary>The runner's log level (<c>debug</c> also turns on buildah's).</summary>
    public required LogLevel LogLevel { get; init; }

    /// <summary>Whether the build must run in a user namespace.</summary>
    public required bool RequireUserNamespace { get; init; }

    /// <summary>The capabilities RUN steps hold, as <c>CAP_*</c> names.</summary>
    public required ImmutableArray<string> RunCapabilities { get; init; }

    /// <summary>How many times a pull or push is tried again after a transient failure.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The wait before a retry (the runner doubles it for each further re-run).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many stages buildah builds at once, or null for the pod's CPUs (the planner decides).</summary>
    public int? Jobs { get; init; }

    /// <summary>Whether the image, base layers included, is squashed into one layer.</summary>
    public bool Squash { get; init; }

    /// <summary>OCI manifest annotations of the pushed image.</summary>
    public ImmutableArray<KeyValuePair<string, string>> ImageAnnotations { get; init; } = [];

    /// <summary>The file of build arguments merged under <see cref="BuildArgs"/>, or null.</summary>
    public string? BuildArgsFile { get; init; }

    /// <summary>Named build contexts: name and path (absolute once the planner has resolved it) or image/URL reference.</summary>
    public ImmutableArray<KeyValuePair<string, string>> BuildContexts { get; init; } = [];

    /// <summary>Whether stages the target does not use are skipped.</summary>
    public bool SkipUnusedStages { get; init; } = true;

    /// <summary>Whether the image's history is left out.</summary>
    public bool OmitHistory { get; init; }

    /// <summary>Whether buildah adds its <c>io.buildah.version</c> label.</summary>
    public bool IdentityLabel { get; init; } = true;

    /// <summary>The proxies buildah's pulls and pushes use (never RUN steps).</summary>
    public ProxySettings Proxy { get; init; } = ProxySettings.None;

    /// <summary>Whether the build runs without network (base images pulled first, buildah in a network namespace of its own).</summary>
    public bool Hermetic { get; init; }

    /// <summary>Builds the typed view of <paramref name="resolved"/>.</summary>
    public static BuildSettings From(ResolvedSettings resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        string Text(SettingDefinition d) => resolved[d].Value;
        string? Optional(SettingDefinition d) => Text(d).Length == 0 ? null : Text(d);
        bool Flag(SettingDefinition d) => Text(d) == "true";
        ImmutableArray<KeyValuePair<string, string>> Pairs(SettingDefinition d) =>
        [
            .. resolved[d].Items.Select(i =>
            {
                var eq = i.IndexOf('=', StringComparison.Ordinal);
                return new KeyValuePair<string, string>(i[..eq], i[(eq + 1)..]);
            }),
        ];

        return new BuildSettings
        {
            Context = Text(SettingsCatalog.Context),
            File = Optional(SettingsCatalog.File),
            OutputImages = [.. resolved[SettingsCatalog.OutputImage].Items],
            Push = Flag(SettingsCatalog.Push),
            BuildArgs = Pairs(SettingsCatalog.BuildArgs),
            Secrets = [.. resolved[SettingsCatalog.Secrets].Items.Select(i => BuildSecret.TryParse(i, out var secret, out _)
                ? secret
                : throw new InvalidOperationException("build-runner/secrets was not validated"))],
            Labels = Pairs(SettingsCatalog.Labels),
            FromImage = Optional(SettingsCatalog.From),
            Env = Pairs(SettingsCatalog.Env),
            RegistryCerts = Optional(SettingsCatalog.RegistryCerts),
            RegistriesConf = Optional(SettingsCatalog.RegistriesConf),
            SignaturePolicy = Optional(SettingsCatalog.SignaturePolicy),
            Target = Optional(SettingsCatalog.Target),
            StorageDriver = StorageDriverNames.Parse(Text(SettingsCatalog.StorageDriver)),
            StorageRoot = Text(SettingsCatalog.StorageRoot),
            ImageStores = [.. resolved[SettingsCatalog.ImageStores].Items],
            TlsVerify = Flag(SettingsCatalog.TlsVerify),
            AuthFile = Optional(SettingsCatalog.AuthFile),
            CertDir = Optional(SettingsCatalog.CertDir),
            DigestFile = Optional(SettingsCatalog.DigestFile),
            ImageRefFile = Optional(SettingsCatalog.ImageRefFile),
            ImageSizeFile = Optional(SettingsCatalog.ImageSizeFile),
            Format = ImageFormatNames.Parse(Text(SettingsCatalog.Format)),
            Layers = Text(SettingsCatalog.Layers) switch { "true" => true, "false" => false, _ => null },
            CacheRepo = Optional(SettingsCatalog.CacheRepo),
            CachePush = Flag(SettingsCatalog.CachePush),
            NoCache = Flag(SettingsCatalog.NoCache),
            PullPolicy = PullPolicyNames.Parse(Text(SettingsCatalog.PullPolicy)),
            Timestamp = Optional(SettingsCatalog.Timestamp) is string t ? long.Parse(t, CultureInfo.InvariantCulture) : null,
            LogLevel = LevelOf(Text(SettingsCatalog.LogLevel)),
            RequireUserNamespace = Flag(SettingsCatalog.RequireUserNamespace),
            RunCapabilities = RunCapabilitySet(resolved[SettingsCatalog.RunCapabilities].Items),
            Retries = int.Parse(Text(SettingsCatalog.Retries), CultureInfo.InvariantCulture),
            RetryDelay = DurationText.Parse(Text(SettingsCatalog.RetryDelay)),
            Hermetic = Flag(SettingsCatalog.Hermetic),
            Jobs = Optional(SettingsCatalog.Jobs) is string jobs ? int.Parse(jobs, CultureInfo.InvariantCulture) : null,
            Squash = Flag(SettingsCatalog.Squash),
            ImageAnnotations = Pairs(SettingsCatalog.ImageAnnotations),
            BuildArgsFile = Optional(SettingsCatalog.BuildArgsFile),
            BuildContexts = Pairs(SettingsCatalog.BuildContexts),
            SkipUnusedStages = Flag(SettingsCatalog.SkipUnusedStages),
            OmitHistory = Flag(SettingsCatalog.OmitHistory),
            IdentityLabel = Flag(SettingsCatalog.IdentityLabel),
            Proxy = new ProxySettings(Optional(SettingsCatalog.HttpProxy), Optional(SettingsCatalog.HttpsProxy), Optional(SettingsCatalog.NoProxy)),
        };
    }

    // The setting's names are the console logger's levels.
    private static LogLevel LevelOf(string setting) => setting switch
    {
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };

    // Items written +NAME / -NAME adjust the default set; plain names replace it.
    private static ImmutableArray<string> RunCapabilitySet(IReadOnlyList<string> items)
    {
        var adjusts = items.Count > 0 && items.All(i => i[0] is '+' or '-');
        var set = new SortedSet<string>(adjusts ? SettingsCatalog.DefaultRunCapabilities : [], StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item[0] == '-')
            {
                set.Remove(item[1..]);
            }
            else
            {
                set.Add(item.TrimStart('+'));
            }
        }
        return [.. set];
    }
}
