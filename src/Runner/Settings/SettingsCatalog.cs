using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// The one list of settings the runner understands. Annotation keys, flags, defaults, validation, the
/// <c>doctor</c> report and the README table all come from here.
/// </summary>
public static class SettingsCatalog
{
    /// <summary>The capabilities RUN steps get unless the run-capabilities setting says otherwise: buildah's own default set, made explicit so a distribution's containers.conf cannot widen it.</summary>
    public static readonly ImmutableArray<string> DefaultRunCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_NET_BIND_SERVICE",
        "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT",
    ];

    /// <summary>Directory of the build context.</summary>
    public static readonly SettingDefinition Context = Define("context", "--context", SettingKind.Text, ".",
        "Directory holding the build context; relative paths are taken from the working directory.");

    /// <summary>The Containerfile.</summary>
    public static readonly SettingDefinition File = Define("file", "--file", SettingKind.Text, "",
        "Containerfile or Dockerfile to build, relative to the context unless absolute; none means `Containerfile`, then `Dockerfile`, in the context.");

    /// <summary>Image references to tag and push.</summary>
    public static readonly SettingDefinition OutputImage = Define("output-image", "--tag", SettingKind.List, "",
        "Image reference(s) to tag and push, one per line; the first is the one reported.");

    /// <summary>Whether to push.</summary>
    public static readonly SettingDefinition Push = Define("push", "--push", SettingKind.Boolean, "true",
        "Push every output image after a successful build (`--no-push` on the command line turns it off).");

    /// <summary>Build arguments.</summary>
    public static readonly SettingDefinition BuildArgs = Define("build-args", "--build-arg", SettingKind.KeyValueList, "",
        "Build arguments, one `NAME=VALUE` per line; values are masked as `***` in every log line, message and report, but buildah records the value of an `ARG` a RUN step uses in the image's history: pass secrets with `secrets` instead.");

    /// <summary>Files handed to RUN steps as buildah secrets.</summary>
    public static readonly SettingDefinition Secrets = Define("secrets", "--secret", SettingKind.List, "",
        "Files RUN steps may read without storing them, one `id=NAME,src=PATH` per line (buildah's `--secret`); a step reads one with `RUN --mount=type=secret,id=NAME` at `/run/secrets/NAME`, and its content never lands in a layer or a log.");

    /// <summary>Image labels.</summary>
    public static readonly SettingDefinition Labels = Define("labels", "--label", SettingKind.KeyValueList, "",
        "Labels to set on the image, one `NAME=VALUE` per line.");

    /// <summary>Base image override.</summary>
    public static readonly SettingDefinition From = Define("from", "--from", SettingKind.Text, "",
        "Image that replaces the one the Containerfile's first `FROM` names (buildah's `--from`); none keeps the Containerfile's.");

    /// <summary>Environment of the built image.</summary>
    public static readonly SettingDefinition Env = Define("env", "--env", SettingKind.KeyValueList, "",
        "Environment variables to set in the image's configuration, one `NAME=VALUE` per line, as an `ENV` instruction would (buildah's `--env`).");

    /// <summary>Target stage.</summary>
    public static readonly SettingDefinition Target = Define("target", "--target", SettingKind.Text, "",
        "Stage of a multi-stage Containerfile to build; none means the last.");

    /// <summary>Storage driver.</summary>
    public static readonly SettingDefinition StorageDriver = Define("storage-driver", "--storage-driver", SettingKind.Choice, "auto",
        "Container storage driver; `auto` probes native overlay, then fuse-overlayfs, then vfs, and takes the first that works.",
        "auto", "overlay", "fuse-overlayfs", "vfs");

    /// <summary>Storage root.</summary>
    public static readonly SettingDefinition StorageRoot = Define("storage-root", "--storage-root", SettingKind.Text, "/var/lib/containers/storage",
        "Directory of the image store; put it on an emptyDir or tmpfs volume (native overlay does not work over the container's own overlay root).");

    /// <summary>Read-only image stores searched before pulling.</summary>
    public static readonly SettingDefinition ImageStores = Define("image-stores", "--image-store", SettingKind.List, "",
        "Read-only image stores (containers/storage graph roots, such as a node's store filled by `build-runner prefetch` and mounted read-only), one path per line: buildah takes a base image from them instead of pulling it (storage.conf `additionalimagestores`). A store must be written with the same storage driver and under the same ID mapping as the build (or mounted ID-mapped); `doctor` lists each store's images and whether its owners map, and a store that cannot be used is a warning, never a failed build.");

    /// <summary>TLS verification.</summary>
    public static readonly SettingDefinition TlsVerify = Define("tls-verify", "--tls-verify", SettingKind.Boolean, "true",
        "Require HTTPS and verified certificates when pulling and pushing.");

    /// <summary>Registry credentials file.</summary>
    public static readonly SettingDefinition AuthFile = Define("authfile", "--authfile", SettingKind.Text, "",
        "Registry credentials file (`.dockerconfigjson` format) for pulling and pushing; its content is never logged.");

    /// <summary>Certificates for registries, instead of the per-registry certs.d folders.</summary>
    public static readonly SettingDefinition CertDir = Define("cert-dir", "--cert-dir", SettingKind.Text, "",
        "Folder of certificates used for every registry (buildah's `--cert-dir`): CA certificates as `*.crt`, a client certificate as `*.cert` with its `*.key`, such as a ConfigMap or Secret of CAs mounted as a folder. None means buildah's own: `/etc/containers/certs.d/HOST:PORT/` per registry, then the image's trust store. When set, certs.d is not read: put the CA of every registry the build reaches (base images, cache, push) here.");

    /// <summary>Per-registry CAs.</summary>
    public static readonly SettingDefinition RegistryCerts = Define("registry-certs", "--registry-certs", SettingKind.Text, "",
        "Folder of registry certificates in the certs.d layout (`HOST` or `HOST:PORT` folders holding `ca.crt`, and client `*.cert`/`*.key` pairs), trusted for that registry on top of the system's CAs when pulling and pushing; buildah finds it as `$HOME/.config/containers/certs.d` in a home the runner makes for it; `cert-dir`, when set, takes its place for every registry.");

    /// <summary>registries.conf for buildah.</summary>
    public static readonly SettingDefinition RegistriesConf = Define("registries-conf", "--registries-conf", SettingKind.Text, "",
        "registries.conf buildah uses instead of the image's `/etc/containers/registries.conf` (search registries, mirrors, blocked and insecure registries).");

    /// <summary>Signature policy for buildah.</summary>
    public static readonly SettingDefinition SignaturePolicy = Define("signature-policy", "--signature-policy", SettingKind.Text, "",
        "policy.json buildah checks pulled images against instead of the image's `/etc/containers/policy.json`.");

    /// <summary>Manifest format.</summary>
    public static readonly SettingDefinition Format = Define("format", "--format", SettingKind.Choice, "oci",
        "Manifest and configuration format of the built image.", "oci", "docker");

    /// <summary>Layer caching: on, off, or decided by the planner from the store and the cache repository.</summary>
    public static readonly SettingDefinition Layers = Define("layers", "--layers", SettingKind.Choice, "auto",
        "Commit an image per instruction and reuse earlier ones; `auto` turns it on when `cache-repo` is set or the store already holds images (a persistent volume), and off on an empty store, where committing every step only costs time (`doctor` shows the decision and why).",
        "auto", "true", "false");

    /// <summary>Registry repository of the layer cache.</summary>
    public static readonly SettingDefinition CacheRepo = Define("cache-repo", "--cache-repo", SettingKind.Text, "",
        "Registry repository (`registry.example.com/team/cache`, no tag) holding a layer cache that builds in fresh pods share: a step whose layer it holds is pulled instead of run (buildah's `--cache-from`). buildah uses it only with layers, so `layers: auto` turns them on (and `false` leaves the cache unused). Reached with `authfile` and `tls-verify`; a cache that cannot be read or written is a warning, never a failed build.");

    /// <summary>Whether new layers go to the cache repository.</summary>
    public static readonly SettingDefinition CachePush = Define("cache-push", "--cache-push", SettingKind.Boolean, "true",
        "Push every layer the build makes to `cache-repo` (buildah's `--cache-to`) so later builds can reuse them; `false` only reads the cache.");

    /// <summary>No cache.</summary>
    public static readonly SettingDefinition NoCache = Define("no-cache", "--no-cache", SettingKind.Boolean, "false",
        "Ignore cached layers and build every step again.");

    /// <summary>Base image pull policy.</summary>
    public static readonly SettingDefinition PullPolicy = Define("pull-policy", "--pull-policy", SettingKind.Choice, "missing",
        "When to pull base images: only when `missing` from the store, when a `newer` one exists, `always`, or `never`.",
        "missing", "newer", "always", "never");

    /// <summary>Reproducible timestamp.</summary>
    public static readonly SettingDefinition Timestamp = Define("timestamp", "--timestamp", SettingKind.WholeNumber, "",
        "Seconds since the epoch to use as the creation time of the image and its layers, for reproducible builds; none means now.");

    /// <summary>Log level.</summary>
    public static readonly SettingDefinition LogLevel = Define("log-level", "--log-level", SettingKind.Choice, "info",
        "How much the runner logs; `debug` also logs buildah's debug output.", "debug", "info", "warning", "error");

    /// <summary>User-namespace requirement.</summary>
    public static readonly SettingDefinition RequireUserNamespace = Define("require-user-namespace", "--require-user-namespace", SettingKind.Boolean, "false",
        "Refuse to build unless the pod runs in a user namespace whose root is not the node's root (cluster admins usually force this in the overrides).");

    /// <summary>RUN-step capabilities.</summary>
    public static readonly SettingDefinition RunCapabilities = Define("run-capabilities", "--run-capabilities", SettingKind.List,
        string.Join("\n", DefaultRunCapabilities),
        "Capabilities RUN steps hold, one per line (`CAP_` optional); items written `+NAME` or `-NAME` adjust the default set instead of replacing it.");

    /// <summary>How many times a pull or push is tried again after a transient failure.</summary>
    public static readonly SettingDefinition Retries = Define("retries", "--retries", SettingKind.WholeNumber, "3",
        "How many times a base-image pull or a push is tried again after a transient failure (connection refused or reset, a timeout, HTTP 5xx or 429), never after a 4xx, TLS or credentials failure; buildah retries connection failures itself (buildah 1.28's push always 3 times), the runner re-runs the step after a 5xx or 429.");

    /// <summary>The wait before the first retry.</summary>
    public static readonly SettingDefinition RetryDelay = Define("retry-delay", "--retry-delay", SettingKind.Duration, "2s",
        "Wait before a retry: buildah waits this long between its own attempts; the runner waits this long before re-running a step, twice as long before the next.");

    /// <summary>Parallel stages of a multi-stage build.</summary>
    public static readonly SettingDefinition Jobs = Define("jobs", "--jobs", SettingKind.WholeNumber, "",
        "How many stages of a multi-stage Containerfile buildah builds at once (`--jobs`), at least 1; none means the number of CPUs the pod may use, read from its cgroup (CPU quota rounded up, or cpuset), not the node's count (`doctor` shows the number and where it came from).");

    /// <summary>Where the pushed digest is written for the platform.</summary>
    public static readonly SettingDefinition DigestFile = Define("digest-file", "--digest-file", SettingKind.Text, "",
        "File to write the pushed digest of the first output image to (`sha256:...`, no newline): Tekton's `$(results.IMAGE_DIGEST.path)`, Shipwright's `$(results.shp-image-digest.path)`. Written only after a successful push, whole (a temporary file renamed over it); a failed build leaves it absent, and one an earlier run left is removed at the start.");

    /// <summary>Where the pushed image's pinned reference is written.</summary>
    public static readonly SettingDefinition ImageRefFile = Define("image-ref-file", "--image-ref-file", SettingKind.Text, "",
        "File to write the first output image's repository pinned to its pushed digest to (`registry/team/app@sha256:...`, no tag, no newline): Tekton's `$(results.IMAGE_URL.path)`. Written and removed as `digest-file` is.");

    /// <summary>Where the pushed image's compressed size is written.</summary>
    public static readonly SettingDefinition ImageSizeFile = Define("image-size-file", "--image-size-file", SettingKind.Text, "",
        "File to write the pushed image's compressed size in bytes to (decimal, no newline): the config's and every layer's size in the manifest the registry holds, read back after the push and checked against the pushed digest (Shipwright's `$(results.shp-image-size.path)`; the result file's `sizeBytes`). Written and removed as `digest-file` is; left absent, with a warning, when the manifest cannot be read back.");

    /// <summary>Squashing the image into one layer.</summary>
    public static readonly SettingDefinition Squash = Define("squash", "--squash", SettingKind.Boolean, "false",
        "Squash the whole image, the base image's layers included, into one layer (buildah 1.28's `--squash`, which podman calls `--squash-all`); without it, a build with `layers` off already adds one layer per stage.");

    /// <summary>OCI manifest annotations.</summary>
    public static readonly SettingDefinition ImageAnnotations = Define("annotations", "--annotation", SettingKind.KeyValueList, "",
        "Annotations to set in the pushed image's manifest, one `NAME=VALUE` per line (buildah's `--annotation`); only the `oci` format carries them.");

    /// <summary>A file of build arguments.</summary>
    public static readonly SettingDefinition BuildArgsFile = Define("build-args-file", "--build-args-file", SettingKind.Text, "",
        "File of build arguments, one `NAME=VALUE` per line (blank lines and lines starting with `#` are skipped), merged under `build-args` (a name given in both takes the `build-args` value); its values are masked like `build-args`.");

    /// <summary>Named build contexts.</summary>
    public static readonly SettingDefinition BuildContexts = Define("build-contexts", "--build-context", SettingKind.KeyValueList, "",
        "Additional build contexts, one `NAME=PATH` per line, that `COPY --from=NAME` and `FROM NAME` read (buildah's `--build-context`); a relative path is taken from the working directory, and a value starting with `docker-image://`, `container-image://`, `http://` or `https://` is passed on as is.");

    /// <summary>Skipping stages the target does not need.</summary>
    public static readonly SettingDefinition SkipUnusedStages = Define("skip-unused-stages", "--skip-unused-stages", SettingKind.Boolean, "true",
        "Skip the stages of a multi-stage Containerfile that the target stage does not use (buildah's `--skip-unused-stages`).");

    /// <summary>Omitting the image history.</summary>
    public static readonly SettingDefinition OmitHistory = Define("omit-history", "--omit-history", SettingKind.Boolean, "false",
        "Leave the history out of the image's configuration (buildah's `--omit-history`).");

    /// <summary>buildah's identity label.</summary>
    public static readonly SettingDefinition IdentityLabel = Define("identity-label", "--identity-label", SettingKind.Boolean, "true",
        "Add buildah's `io.buildah.version` label to the image (buildah's `--identity-label`).");

    /// <summary>Proxy for plain HTTP registries.</summary>
    public static readonly SettingDefinition HttpProxy = Define("http-proxy", "--http-proxy", SettingKind.Text, "",
        "Proxy URL for pulls and pushes over HTTP (buildah's `HTTP_PROXY`); none keeps the pod's own. RUN steps never see a proxy variable (the runner passes buildah `--http-proxy=false`): give one as a build argument for RUN steps that need it. A password in the URL is masked.");

    /// <summary>Proxy for HTTPS registries.</summary>
    public static readonly SettingDefinition HttpsProxy = Define("https-proxy", "--https-proxy", SettingKind.Text, "",
        "Proxy URL for pulls and pushes over HTTPS (buildah's `HTTPS_PROXY`); none keeps the pod's own; never seen by RUN steps, as with `http-proxy`.");

    /// <summary>Hosts reached without a proxy.</summary>
    public static readonly SettingDefinition NoProxy = Define("no-proxy", "--no-proxy", SettingKind.Text, "",
        "Comma-separated hosts, domains (`.example.com`) and CIDR ranges that pulls and pushes reach without the proxy (buildah's `NO_PROXY`); none keeps the pod's own; never seen by RUN steps.");

    /// <summary>Builds without network.</summary>
    public static readonly SettingDefinition Hermetic = Define("hermetic", "--hermetic", SettingKind.Boolean, "false",
        "Build without network: every stage's base image is pulled first (honouring `pull-policy`, `authfile` and `tls-verify`), then buildah runs with `--pull=never` in a fresh network namespace holding only loopback, made by the runner inside the pod's user namespace (no privilege the pod lacks), so a RUN step cannot reach anything; the push runs outside it. No cached layer is reused (`cache-repo` is not used, and layers an earlier build left in a kept store may have been made with network). `doctor` says whether it works in the pod and why not.");

    /// <summary>Every setting, in the order the README lists them.</summary>
    public static readonly ImmutableArray<SettingDefinition> All =
    [
        Context, File, BuildContexts, OutputImage, Push, BuildArgs, BuildArgsFile, Secrets, Labels, ImageAnnotations, From, Env, Target,
        SkipUnusedStages, Squash, OmitHistory, IdentityLabel, Jobs, StorageDriver, StorageRoot, ImageStores, TlsVerify, AuthFile,
        CertDir, RegistryCerts, RegistriesConf, SignaturePolicy, HttpProxy, HttpsProxy, NoProxy, Format, Layers, CacheRepo, CachePush,
        NoCache, PullPolicy, Timestamp, LogLevel, RequireUserNamespace, RunCapabilities, Retries, RetryDelay, DigestFile, ImageRefFile,
        ImageSizeFile, Hermetic,
    ];

    /// <summary>The setting whose annotation key is <paramref name="key"/>, or null.</summary>
    public static SettingDefinition? ByAnnotationKey(string key) =>
        All.FirstOrDefault(d => string.Equals(d.AnnotationKey, key, StringComparison.Ordinal));

    /// <summary>The setting named <paramref name="name"/> (without the prefix), or null.</summary>
    public static SettingDefinition? ByName(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <summary>The setting whose flag is <paramref name="flag"/> (such as <c>--tag</c>), or null.</summary>
    public static SettingDefinition? ByFlag(string flag) =>
        All.FirstOrDefault(d => string.Equals(d.Flag, flag, StringComparison.Ordinal));

    private static SettingDefinition Define(string name, string flag, SettingKind kind, string defaultValue, string effect, params string[] allowed) =>
        new(name, flag, kind, defaultValue, [.. allowed], effect);
}
