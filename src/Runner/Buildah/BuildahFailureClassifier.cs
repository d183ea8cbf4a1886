using System.Globalization;
using System.Text.RegularExpressions;
using BuildRunner.Planning;
using BuildRunner.Settings;

namespace BuildRunner.Buildah;

/// <summary>
/// Says what a failed buildah run means, from its exit status and last lines alone (pure: no file, process or clock):
/// a full storage volume, refused credentials, an unreachable registry, failed TLS, a missing base image, an unknown
/// manifest or a failing RUN step, each as its catalog entry with a message naming the culprit and a specific fix.
/// Anything else is <c>build-failed</c> or <c>push-failed</c> with buildah's own error lines. The patterns are
/// buildah 1.28's own words (samples in the unit tests, captured from real failures).
/// </summary>
public static partial class BuildahFailureClassifier
{
    // A copier error dumps its whole request (kilobytes) on one line; keep its start and its end, which says why.
    private const int LineLimit = 400;
    private const int StepOutputLines = 10;

    /// <summary>Classifies a failed run of a build or push step.</summary>
    /// <param name="kind">Whether the run was the build (<c>buildah bud</c>) or a push.</param>
    /// <param name="subject">The context directory of a build, the image reference of a push.</param>
    /// <param name="outcome">buildah's exit status and last lines.</param>
    /// <param name="settings">The build's settings (storage root, credentials file, TLS verification, retries), for the fix.</param>
    /// <param name="runs">How many times the runner has run this step, this run included.</param>
    public static BuildahFailure Classify(BuildahStepKind kind, string subject, BuildahOutcome outcome, BuildSettings settings, int runs = 1)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        var run = new FailedRun(kind, subject, outcome, settings, runs);
        return StorageFull(run) ?? InsufficientIds(run) ?? ContainerfileInvalid(run) ?? HermeticNetwork(run) ?? RunStep(run) ?? Registry(run) ?? Fallback(run);
    }

    private static BuildahFailure? StorageFull(FailedRun run)
    {
        var full = run.Lines.Where(l => NoSpace().IsMatch(l)).ToList();
        if (full.Count == 0)
        {
            return null;
        }
        // The earliest cause: the RUN step's own complaint, else buildah's final error, else the first line that says so.
        // On a full disk buildah's last error may be about saving its own state, not the step: look for the step's
        // error anywhere, and else for the RUN step that was running when the first complaint came.
        var step = RunStepError().Match(run.ErrorLine);
        if (!step.Success)
        {
            step = run.Lines.Select(l => RunStepError().Match(l)).LastOrDefault(m => m.Success) ?? step;
        }
        var firstFull = run.Lines.FindIndex(l => NoSpace().IsMatch(l));
        var running = firstFull > 0
            ? run.Lines.Take(firstFull).Select(l => RunStepLine().Match(l)).LastOrDefault(m => m.Success)
            : null;
        var cause = (step.Success ? run.StepOutput().FirstOrDefault(l => NoSpace().IsMatch(l)) : null)
            ?? (running is not null ? run.Lines[firstFull] : null)
            ?? run.ErrorLines.FirstOrDefault(l => NoSpace().IsMatch(l))
            ?? full[0];
        var clause = NoSpaceClause().Match(cause);
        // A short line is shown whole ("dd: error writing '/big': ..."); of a long one, the clause that says where.
        var said = clause.Success && cause.Length > 200 ? clause.Value : Shorten(cause);
        var path = clause.Success ? clause.Groups["path"].Value : "";
        var root = run.Settings.StorageRoot;
        var temporary = path.Length > 0 && !IsUnder(path, root) && (IsUnder(path, "/var/tmp") || IsUnder(path, "/tmp"));
        var where = temporary
            ? $"the folder of buildah's temporary files ({Path.GetDirectoryName(path)}, outside the storage root {root}) is full"
            : $"the storage volume is full (the storage root {root})";
        var culprit = step.Success
            ? $"the RUN step \"{StepCommand(step)}\" exited with status {step.Groups["status"].Value} after \"{said}\""
            : running is not null
                ? $"the RUN step \"{running.Groups["cmd"].Value.Trim()}\" failed after \"{said}\""
                : $"\"{said}\"";
        var fix = $"give the storage volume more room: raise the sizeLimit of the emptyDir mounted at {root} (and the pod's ephemeral-storage request and limit, which count it), or mount a larger volume there";
        if (temporary)
        {
            fix = $"give buildah's temporary folder room: mount an emptyDir at {TopFolder(path)} (or raise the pod's ephemeral-storage request and limit, which its writable layer counts against); buildah keeps a whole layer there while it pulls, commits or pushes";
        }
        return new BuildahFailure(FailureCatalog.StorageFull.Blocks($"{run.Purpose}: {where}: {culprit}", fix), RetryByRunner: false);
    }

    // containers/storage cannot give a file an owner the pod's user namespace does not map ("nobody", 65534, is the
    // usual one): the namespace is too small for the image, whatever the storage driver.
    private static BuildahFailure? InsufficientIds(FailedRun run)
    {
        var match = run.Lines.Select(l => InsufficientIdsLine().Match(l)).FirstOrDefault(m => m.Success);
        if (match is null)
        {
            return null;
        }
        var owner = $"{match.Groups["uid"].Value}:{match.Groups["gid"].Value}";
        return new BuildahFailure(FailureCatalog.UserNamespaceTooSmall.Blocks(
            $"{run.Purpose}: a layer has a file owned by {owner} ({match.Groups["path"].Value}), an ID this pod's user namespace does not map",
            "give the pod a user namespace of 65536 IDs (hostUsers: false, or on CRI-O io.kubernetes.cri-o.userns-mode: \"auto:size=65536\"): images use IDs up to 65534 (nobody)"),
            RetryByRunner: false);
    }

    // buildah names the step it could not parse; its Go dump of the step after the reason is noise for a person.
    private static BuildahFailure? ContainerfileInvalid(FailedRun run)
    {
        var match = ParseError().Match(run.ErrorLine);
        if (!match.Success)
        {
            return null;
        }
        return new BuildahFailure(FailureCatalog.ContainerfileInvalid.Blocks(
            $"{run.Purpose}: the Containerfile cannot be parsed at STEP \"{match.Groups["step"].Value.Trim()}\": {match.Groups["why"].Value.Trim()}",
            "correct that instruction in the Containerfile: its name and arguments must follow the Containerfile syntax (FROM, RUN, COPY, ...)"),
            RetryByRunner: false);
    }

    // In a hermetic build a RUN step has only loopback: a download fails with "Network is unreachable", a name with
    // no DNS server, 127.0.0.1 with nothing listening. Say that the build is hermetic, or the owner looks for a network fault.
    private static BuildahFailure? HermeticNetwork(FailedRun run)
    {
        var step = RunStepError().Match(run.ErrorLine);
        if (!run.Settings.Hermetic || !step.Success)
        {
            return null;
        }
        var output = run.StepOutput();
        var cause = output.LastOrDefault(l => NetworkFailure().IsMatch(l));
        if (cause is null)
        {
            return null;
        }
        return new BuildahFailure(FailureCatalog.HermeticNetworkUsed.Blocks(
            $"{run.Purpose}: the RUN step \"{StepCommand(step)}\" exited with status {step.Groups["status"].Value} after trying the network (\"{cause}\"), and the build is hermetic ({SettingsCatalog.Hermetic.AnnotationKey}: true): RUN steps have no network, only loopback with nothing listening; its last lines:\n{string.Join("\n", output)}\n{run.ErrorLine}",
            $"fetch what the step needs before the build and put it in the context (or in a base image), then COPY it; or set {SettingsCatalog.Hermetic.AnnotationKey} to false if the build may use the network"),
            RetryByRunner: false);
    }

    private static BuildahFailure? RunStep(FailedRun run)
    {
        var step = RunStepError().Match(run.ErrorLine);
        if (!step.Success)
        {
            return null;
        }
        var output = run.StepOutput();
        var said = output.Count == 0 ? " and printed nothing" : $"; its last lines:\n{string.Join("\n", output)}";
        return new BuildahFailure(FailureCatalog.RunStepFailed.Blocks(
            $"{run.Purpose}: the RUN step \"{StepCommand(step)}\" exited with status {step.Groups["status"].Value}{said}\n{run.ErrorLine}",
            "fix the RUN step's command or what it needs (files in the context, packages, the base image's tools); its whole output is in the pod log"),
            RetryByRunner: false);
    }

    private static BuildahFailure? Registry(FailedRun run)
    {
        // A build meets registries only when it pulls; an ADD of a URL or a RUN step's own download is not one.
        if (run.Kind == BuildahStepKind.Build && !RegistryMarker().IsMatch(run.ErrorText))
        {
            return null;
        }
        var target = run.Target();
        var status = HttpStatus().Match(run.ErrorText);
        var code = status.Success ? int.Parse(status.Groups["code"].Value, CultureInfo.InvariantCulture) : 0;
        var pulling = run.Kind is BuildahStepKind.Build or BuildahStepKind.Pull;
        var what = run.Kind == BuildahStepKind.Build ? $"{run.Purpose}: pulling {target.Display}" : run.Purpose;

        if (code is 401 or 403 || AuthRefused().IsMatch(run.ErrorText))
        {
            var refusal = code == 403 || Denied().IsMatch(run.ErrorText) ? "403: access denied" : "401: authentication required";
            var may = pulling ? "pull from" : "push to";
            var fix = run.Settings.AuthFile is string authFile
                ? $"the credentials in {authFile} (--authfile, or the push secret) are refused by {target.Host} for {target.Repository}: check that the file has an entry for \"{target.Host}\" exactly, that its user or token is still valid, and that it may {may} {target.Repository}; a refusal is not retried"
                : $"no credentials were given: mount the registry's secret (a kubernetes.io/dockerconfigjson Secret) and point {SettingsCatalog.AuthFile.AnnotationKey} (--authfile) at its .dockerconfigjson, with an entry for \"{target.Host}\" that may {may} {target.Repository}";
            return new BuildahFailure(FailureCatalog.RegistryAuthRefused.Blocks(
                $"{what}: the registry {target.Host} refused the credentials for {target.Repository} ({refusal}):\n{run.ErrorLine}", fix), RetryByRunner: false);
        }

        if (TlsFailure().IsMatch(run.ErrorText))
        {
            var tlsVerify = $"{SettingsCatalog.TlsVerify.AnnotationKey}=false (--tls-verify=false)";
            var (reason, fix) = run.ErrorText switch
            {
                var t when PlainHttp().IsMatch(t) => ("it serves plain HTTP and TLS verification is on",
                    $"serve {target.Host} over HTTPS, or set {tlsVerify} only for a test registry"),
                var t when NameMismatch().IsMatch(t) => ($"its certificate is not valid for the name {target.HostName}",
                    $"reissue the registry's certificate with {target.HostName} in its subjectAltName (an IP address needs an IP SAN), or use the name the certificate holds in the image reference"),
                var t when Expired().IsMatch(t) => ("its certificate has expired or is not valid yet",
                    $"renew the certificate of {target.Host} (or check the node's clock)"),
                _ when run.Settings.CertDir is string certDir => ("its certificate is signed by an authority the pod does not trust",
                    $"put the CA that signed {target.Host}'s certificate in {certDir} ({SettingsCatalog.CertDir.AnnotationKey}, --cert-dir) as a *.crt file: with that setting buildah reads no other folder, not /etc/containers/certs.d; set {tlsVerify} only for a test registry"),
                _ => ("its certificate is signed by an authority the pod does not trust",
                    $"give the pod the registry's CA: mount it (from a ConfigMap or Secret) as /etc/containers/certs.d/{target.Host}/ca.crt, or point {SettingsCatalog.CertDir.AnnotationKey} (--cert-dir) at a folder holding it as a *.crt file, or add it to the image's trust store; set {tlsVerify} only for a test registry"),
            };
            return new BuildahFailure(FailureCatalog.RegistryTlsFailed.Blocks(
                $"{what}: TLS with the registry {target.Host} failed: {reason}:\n{run.ErrorLine}", fix), RetryByRunner: false);
        }

        if (pulling && NotFound(run, target, what) is { } notFound)
        {
            return notFound;
        }

        var serverError = (code >= 500 || code == 429) ? $"answered {code} {status.Groups["text"].Value}"
            : ServerErrorWords().Match(run.ErrorText) is { Success: true } words ? $"answered {words.Value}"
            : null;
        var connection = Unreachable().Match(run.ErrorText);
        if (serverError is null && !connection.Success)
        {
            return null;
        }
        var attempts = run.Attempts;
        var tried = attempts > 1 ? string.Create(CultureInfo.InvariantCulture, $"{attempts} attempts") : "";
        var failing = serverError is null
            ? $"could not be reached ({connection.Value}{(tried.Length > 0 ? ", " + tried : "")})"
            : $"{serverError}{(tried.Length > 0 ? $" ({tried})" : "")}";
        var unreachableFix = $"check that {target.Host} is up and reachable from the pod: the host and port in the image name, DNS, NetworkPolicy egress rules, and any proxy (HTTPS_PROXY, NO_PROXY) on the way";
        if (serverError is not null)
        {
            unreachableFix = $"{target.Host} {serverError}: the registry itself is failing or overloaded; check its status and logs, then build again";
        }
        unreachableFix += $"; transient failures are retried ({SettingsCatalog.Retries.AnnotationKey}={run.Settings.Retries}, {SettingsCatalog.RetryDelay.AnnotationKey}={DurationText.Format(run.Settings.RetryDelay)})";
        return new BuildahFailure(FailureCatalog.RegistryUnreachable.Blocks(
            $"{what}: the registry {target.Host} {failing}:\n{run.ErrorLine}", unreachableFix),
            RetryByRunner: serverError is not null);
    }

    private static BuildahFailure? NotFound(FailedRun run, ImageTarget target, string what)
    {
        var fromLine = "the FROM line (or the build argument that fills it)";
        if (ManifestUnknown().IsMatch(run.ErrorText))
        {
            return new BuildahFailure(FailureCatalog.ManifestUnknown.Blocks(
                $"{what}: the registry {target.Host} has no manifest for {target.Display} (manifest unknown: no such tag or digest in {target.Repository}, or no such repository):\n{run.ErrorLine}",
                $"check the tag or digest and the repository in {fromLine}; skopeo list-tags docker://{target.Host}/{target.Repository} shows the tags there"),
                RetryByRunner: false);
        }
        string? reason = null, fix = null;
        if (NotInStore().IsMatch(run.ErrorText))
        {
            reason = $"it is not in the store and {SettingsCatalog.PullPolicy.AnnotationKey} is never";
            fix = $"set {SettingsCatalog.PullPolicy.AnnotationKey} to missing (--pull-policy missing) so it is pulled, or put it in the store first";
        }
        else if (ShortName().IsMatch(run.ErrorText))
        {
            reason = "a short name that resolves to no registry (the pod's registries.conf names no unqualified-search registry)";
            fix = $"name the base image in full (registry/repository:tag, such as docker.io/library/busybox:1.36) in {fromLine}";
        }
        else if (NameUnknown().IsMatch(run.ErrorText))
        {
            reason = $"the registry {target.Host} has no repository {target.Repository}";
            fix = $"check the registry and repository in {fromLine}; a registry that hides private repositories behind not-found needs credentials in {SettingsCatalog.AuthFile.AnnotationKey} (--authfile)";
        }
        return reason is null ? null : new BuildahFailure(FailureCatalog.BaseImageNotFound.Blocks(
            $"{what}: the base image cannot be found: {reason}:\n{run.ErrorLine}", fix!), RetryByRunner: false);
    }

    private static BuildahFailure Fallback(FailedRun run)
    {
        var said = string.Join("\n", run.Outcome.ErrorLines().Select(Shorten).Concat(run.ErrorLines.Skip(1)));
        var message = string.Create(CultureInfo.InvariantCulture, $"{run.Purpose}: buildah exited with {run.Outcome.ExitCode}:\n{said}");
        if (run.Kind == BuildahStepKind.Pull)
        {
            return new BuildahFailure(FailureCatalog.BuildFailed.Blocks(message,
                "check the base image's name in the FROM line, that its registry is reachable from the pod, and --authfile and --tls-verify for it"), RetryByRunner: false);
        }
        if (run.Kind == BuildahStepKind.Build)
        {
            return new BuildahFailure(FailureCatalog.BuildFailed.Blocks(message,
                "fix the Containerfile step named above (its output is in the pod log), then run the build again"), RetryByRunner: false);
        }
        var target = run.Target();
        if (run.Kind == BuildahStepKind.Pull)
        {
            return new BuildahFailure(FailureCatalog.BuildFailed.Blocks(message,
                $"check the image reference, that {target.Host} is reachable from the pod, the credentials (--authfile) and --tls-verify for a registry without TLS"),
                RetryByRunner: false);
        }
        return new BuildahFailure(FailureCatalog.PushFailed.Blocks(message,
            $"check that {target.Host} is reachable from the pod, that the credentials (--authfile, or the push secret) may push to {target.Repository}, and --tls-verify for a registry without TLS"),
            RetryByRunner: false);
    }

    private static string StepCommand(Match step) => step.Groups["step"].Value["RUN ".Length..].Trim();

    private static bool IsUnder(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string TopFolder(string path) =>
        IsUnder(path, "/var/tmp") ? "/var/tmp" : "/tmp";

    private static string Shorten(string line) =>
        line.Length <= LineLimit ? line : string.Concat(line.AsSpan(0, 150), " … ", line.AsSpan(line.Length - (LineLimit - 153)));

    /// <summary>The lines of one failed run, and what can be read from them.</summary>
    private sealed class FailedRun
    {
        public FailedRun(BuildahStepKind kind, string subject, BuildahOutcome outcome, BuildSettings settings, int runs)
        {
            Kind = kind;
            Subject = subject;
            Outcome = outcome;
            Settings = settings;
            Runs = runs;
            Lines = [.. outcome.Tail.Where(l => l.Trim().Length > 0)];
            ErrorStart = Lines.FindLastIndex(l => l.StartsWith("Error:", StringComparison.Ordinal));
            if (ErrorStart >= 0)
            {
                // buildah continues a multi-error with indented "* ..." lines.
                var end = ErrorStart + 1;
                while (end < Lines.Count && Lines[end].Length > 0 && char.IsWhiteSpace(Lines[end][0]))
                {
                    end++;
                }
                ErrorLines = [.. Lines.GetRange(ErrorStart, end - ErrorStart)];
            }
            else
            {
                var logged = Lines.FindLastIndex(l => l.Contains("level=error", StringComparison.Ordinal));
                ErrorLines = logged >= 0 ? [Lines[logged]] : Lines.Count > 0 ? [Lines[^1]] : [];
            }
            ErrorText = string.Join("\n", ErrorLines);
            ErrorLine = ErrorLines.Count > 0
                ? Shorten(ErrorLines[0])
                : string.Create(CultureInfo.InvariantCulture, $"buildah exited with {outcome.ExitCode} and printed nothing");
        }

        public BuildahStepKind Kind { get; }

        public string Subject { get; }

        public BuildahOutcome Outcome { get; }

        public BuildSettings Settings { get; }

        public int Runs { get; }

        public List<string> Lines { get; }

        public int ErrorStart { get; }

        public List<string> ErrorLines { get; }

        public string ErrorText { get; }

        public string ErrorLine { get; }

        public string Purpose => Kind switch
        {
            BuildahStepKind.Build => $"building the image from {Subject}",
            BuildahStepKind.Pull => $"pulling {Subject} into the store",
            _ => $"pushing {Subject}",
        };

        // Every run the runner made, and within the last one every attempt buildah made ("Failed, retrying in ...").
        public int Attempts => Runs + Lines.Count(l => l.Contains("Failed, retrying in", StringComparison.Ordinal));

        /// <summary>What the failing RUN step printed: the lines after its STEP line, without buildah's own.</summary>
        public List<string> StepOutput()
        {
            var end = ErrorStart >= 0 ? ErrorStart : Lines.Count;
            if (end == 0)
            {
                return [];
            }
            var start = Lines.FindLastIndex(end - 1, end, l => StepLine().IsMatch(l)) + 1;
            return [.. Lines.GetRange(start, end - start)
                .Where(l => !l.StartsWith("subprocess exited with status", StringComparison.Ordinal) && !LogrusLine().IsMatch(l))
                .TakeLast(StepOutputLines)
                .Select(Shorten)];
        }

        /// <summary>The image the failure is about: the pushed one, or the one a build was pulling.</summary>
        public ImageTarget Target()
        {
            if (Kind is BuildahStepKind.Push or BuildahStepKind.Pull)
            {
                return ImageTarget.Of(BuildahArguments.WithoutTransport(Subject));
            }
            var named = SourceReference().Match(ErrorText) is { Success: true } source ? source.Groups["ref"].Value
                : NotInStoreReference().Match(ErrorText) is { Success: true } local ? local.Groups["ref"].Value
                : ShortNameReference().Match(ErrorText) is { Success: true } shortName ? shortName.Groups["ref"].Value
                : Lines.Select(l => PullingReference().Match(l)).LastOrDefault(m => m.Success)?.Groups["ref"].Value;
            if (named is not null)
            {
                return ImageTarget.Of(named);
            }
            var pinged = PingedRegistry().Match(ErrorText);
            return pinged.Success ? new ImageTarget(pinged.Groups["host"].Value, "(unknown repository)", $"an image from {pinged.Groups["host"].Value}") : ImageTarget.Unknown;
        }
    }

    /// <summary>An image reference in parts, as messages name it.</summary>
    private sealed record ImageTarget(string Host, string Repository, string Display)
    {
        public static readonly ImageTarget Unknown = new("the registry", "the repository", "the base image");

        /// <summary>The host without its port, as a certificate names it.</summary>
        public string HostName => Host.StartsWith('[') ? Host[..(Host.IndexOf(']', StringComparison.Ordinal) + 1)] : Host.Split(':')[0];

        // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
        public static ImageTarget Of(string reference)
        {
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            var first = slash > 0 ? reference[..slash] : "";
            var hasHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
            var host = hasHost ? first : "docker.io";
            var path = hasHost ? reference[(slash + 1)..] : reference;
            var at = path.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                path = path[..at];
            }
            var colon = path.LastIndexOf(':');
            if (colon > path.LastIndexOf('/'))
            {
                path = path[..colon];
            }
            if (!hasHost && !path.Contains('/', StringComparison.Ordinal))
            {
                path = "library/" + path;
            }
            return new ImageTarget(host, path, reference);
        }
    }

    // curl, wget (GNU and busybox), Python, getaddrinfo and Go's net package, as a RUN step prints them without network.
    [GeneratedRegex(@"network is unreachable|could not resolve host|temporary failure in name resolution|name or service not known|bad address|unable to resolve host|can't connect to remote host|connection refused|failed to connect to|no route to host|dial tcp|lookup [^ ]+ on|name resolution|unable to connect", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkFailure();

    [GeneratedRegex(@"potentially insufficient UIDs or GIDs available in user namespace \(requested (?<uid>\d+):(?<gid>\d+) for (?<path>[^)]*)\)")]
    private static partial Regex InsufficientIdsLine();

    [GeneratedRegex(@"building at STEP ""(?<step>[^""]*)"": (?:Build error: )?(?<why>Unknown instruction: ""?[^"" &]+""?|[A-Z]+ requires [^&]*)")]
    private static partial Regex ParseError();

    [GeneratedRegex(@"no space left on device|disk quota exceeded", RegexOptions.IgnoreCase)]
    private static partial Regex NoSpace();

    // "write /blob: no space left on device", "dd: error writing '/big': No space left on device".
    [GeneratedRegex(@"(?:\S+\s+)?['""]?(?<path>/[^\s'"":]*)['""]?:\s*(?:no space left on device|disk quota exceeded)", RegexOptions.IgnoreCase)]
    private static partial Regex NoSpaceClause();

    // "Error: building at STEP "RUN ...": exit status 3" (chroot), "...: while running runtime: exit status 1" (oci).
    [GeneratedRegex(@"building at STEP ""(?<step>RUN\s.*)"": (?:while running runtime: )?exit status (?<status>\d+)\s*$")]
    private static partial Regex RunStepError();

    [GeneratedRegex(@"^(?:\[\d+/\d+\] )?STEP \d+/\d+: RUN\s+(?<cmd>.*)$")]
    private static partial Regex RunStepLine();

    // "STEP 2/3: RUN make", "[1/2] STEP 2/3: RUN make" (multi-stage).
    [GeneratedRegex(@"^(?:\[\d+/\d+\] )?STEP \d+/\d+: RUN\s")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^time=""[^""]*"" level=")]
    private static partial Regex LogrusLine();

    [GeneratedRegex(@"creating build container|initializing source|pinging container registry|docker://|reading manifest|reading blob|writing blob|pulling image|image not known|short-name")]
    private static partial Regex RegistryMarker();

    // "500 (Internal Server Error)", "received unexpected HTTP status: 503 Service Unavailable", "403 (Forbidden)".
    [GeneratedRegex(@"\b(?<code>[45]\d\d) \(?(?<text>[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*)\)?")]
    private static partial Regex HttpStatus();

    [GeneratedRegex(@"unauthorized|authentication required|invalid username/password|incorrect username or password|(?<!permission )\bdenied\b", RegexOptions.IgnoreCase)]
    private static partial Regex AuthRefused();

    [GeneratedRegex(@"(?<!permission )\bdenied\b", RegexOptions.IgnoreCase)]
    private static partial Regex Denied();

    [GeneratedRegex(@"x509: |tls: |certificate|server gave HTTP response to HTTPS client|does not look like a TLS handshake")]
    private static partial Regex TlsFailure();

    [GeneratedRegex(@"server gave HTTP response to HTTPS client|does not look like a TLS handshake")]
    private static partial Regex PlainHttp();

    [GeneratedRegex(@"certificate is valid for|doesn't contain any IP SANs|not valid for any names|certificate is not valid for")]
    private static partial Regex NameMismatch();

    [GeneratedRegex(@"expired or is not yet valid|certificate has expired")]
    private static partial Regex Expired();

    [GeneratedRegex(@"manifest unknown", RegexOptions.IgnoreCase)]
    private static partial Regex ManifestUnknown();

    [GeneratedRegex(@": image not known")]
    private static partial Regex NotInStore();

    [GeneratedRegex(@"short-name ""[^""]*"" did not resolve|short-name resolution")]
    private static partial Regex ShortName();

    [GeneratedRegex(@"name unknown|repository name not known|repository does not exist|\b404 \(?Not Found", RegexOptions.IgnoreCase)]
    private static partial Regex NameUnknown();

    [GeneratedRegex(@"Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Too Many Requests|toomanyrequests")]
    private static partial Regex ServerErrorWords();

    [GeneratedRegex(@"connection refused|connection reset by peer|broken pipe|i/o timeout|TLS handshake timeout|timeout awaiting response headers|deadline exceeded|no such host|network is unreachable|no route to host|host is down|server misbehaving|unexpected EOF|\bEOF\b")]
    private static partial Regex Unreachable();

    // "initializing source docker://HOST/REPO:TAG: ...", "to "docker://HOST/REPO:TAG": ...".
    [GeneratedRegex(@"docker://(?<ref>[^\s""]+?)""?:\s")]
    private static partial Regex SourceReference();

    [GeneratedRegex(@"(?<ref>[^\s:]+(?::[^\s:]+)*): image not known")]
    private static partial Regex NotInStoreReference();

    [GeneratedRegex(@"short-name ""(?<ref>[^""]+)""")]
    private static partial Regex ShortNameReference();

    [GeneratedRegex(@"^Trying to pull (?<ref>\S+)\.\.\.$")]
    private static partial Regex PullingReference();

    [GeneratedRegex(@"pinging container registry (?<host>[^\s:""]+(?::\d+)?)")]
    private static partial Regex PingedRegistry();
}
