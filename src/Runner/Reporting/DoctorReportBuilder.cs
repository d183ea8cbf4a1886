using System.Text;
using System.Text.Json;
using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Secrets;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Reporting;

/// <summary>Turns a <see cref="BuildPlan"/> into the doctor report, as JSON or as a short readable text.</summary>
public static class DoctorReportBuilder
{
    /// <summary>The report of <paramref name="plan"/>.</summary>
    public static DoctorReport Build(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var credentials = plan.Facts.Host.Credentials;
        var privileges = plan.Privileges;
        var rootless = plan.Rootless;
        var storage = plan.Facts.Storage?.Selection;
        // The report is for sharing (a support ticket, a CI log): no secret value may reach it, whichever field it hides in.
        var mask = plan.SecretMask;
        return new DoctorReport
        {
            Annotations = new SortedDictionary<string, string>(
                plan.Facts.Gathered.PodAnnotations.ToDictionary(a => a.Key, a => SecretSettings.ShownAnnotation(a.Key, a.Value, mask)),
                StringComparer.Ordinal),
            UserNamespace = UserNamespaceReport.Of(plan.Facts.Host.UserNamespace, withMaps: true),
            Identity = new IdentityReport(privileges.Mode.ToName(), credentials.EffectiveUid, credentials.EffectiveGid)
            {
                UserName = rootless?.UserName,
                SubUid = rootless?.SubUids.Select(r => $"{rootless.UserName}:{r.Start}:{r.Count}").ToList(),
                SubGid = rootless?.SubGids.Select(r => $"{rootless.UserName}:{r.Start}:{r.Count}").ToList(),
                NewUidMap = plan.NewIdMap is { } v ? new NewIdMapReport(v.Usable, v.Message, v.Fix) : null,
            },
            Capabilities = new CapabilitiesReport(
                credentials.Effective.Names(),
                credentials.Bounding.Names(),
                privileges.Required.Names(),
                privileges.Missing.Names(),
                privileges.Dropped.Names(),
                plan.Settings.RunCapabilities),
            Seccomp = SeccompReport.Of(plan.Facts.Seccomp),
            Plan = PlanReport.Of(plan),
            Requirements = [.. Requirements(plan).Select(r => r with { Detail = mask.Apply(r.Detail), Fix = r.Fix is null ? null : mask.Apply(r.Fix) })],
            Storage = storage is null
                ? new StorageReport(null, NotProbed(plan), [])
                : new StorageReport(
                    storage.Selected?.ToName(),
                    storage.Explanation,
                    [.. storage.Candidates.Select(c => new StorageCandidateReport(c.Driver.ToName(), c.Usable, c.Reason))]),
            ImageStores = ImageStoreReport.Of(plan),
            Settings = plan.Facts.Gathered.Resolved.InOrder().ToDictionary(
                s => s.Definition.AnnotationKey,
                s => new SettingReport(SecretSettings.Shown(s.Definition, s.Value, mask), s.Source.ToName()),
                StringComparer.Ordinal),
            Warnings = [.. plan.Facts.Gathered.Resolved.Warnings.Select(mask.Apply)],
            Hermetic = new HermeticReport(plan.Settings.Hermetic, plan.Facts.Hermetic.Trial.Ran ? plan.Facts.Hermetic.Trial.Succeeded : null,
                plan.Facts.Hermetic.Trial.Detail),
            Verdict = plan.Verdict,
            Problems = [.. plan.Problems.Select(p => ProblemReport.Of(p, mask.Apply))],
        };
    }

    /// <summary>The report as JSON.</summary>
    public static string ToJson(DoctorReport report) => JsonSerializer.Serialize(report, ReportJson.Context.DoctorReport);

    /// <summary>The report as a short text for people.</summary>
    public static string ToText(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ns = report.UserNamespace;
        var text = new StringBuilder();
        text.Append("verdict:          ").Append(report.Verdict).Append('\n');
        text.Append("requirements:\n");
        foreach (var requirement in report.Requirements)
        {
            text.Append(requirement.Met ? "  [ok]   " : "  [MISS] ").Append(requirement.Name).Append(": ").Append(requirement.Detail).Append('\n');
            if (requirement.Fix is { } fix)
            {
                text.Append("         fix: ").Append(fix).Append('\n');
            }
        }
        text.Append("user namespace:   ").Append(ns.InUserNamespace
            ? $"yes: container root is node UID {ns.HostUidOfRoot}, {ns.Size} IDs mapped"
            : "no: container root is node root").Append('\n');
        text.Append("identity:         ").Append(report.Identity.Mode).Append(" (uid ").Append(report.Identity.Uid).Append(")\n");
        if (report.Identity.SubUid is { } subUid)
        {
            text.Append("subordinate ids:  ").Append(string.Join(" ", subUid)).Append('\n');
        }
        if (report.Identity.NewUidMap is { } newUidMap)
        {
            text.Append("newuidmap:        ").Append(newUidMap.Usable ? "works: " : "will fail: ").Append(newUidMap.Message).Append('\n');
        }
        var caps = report.Capabilities;
        text.Append("capabilities:     needs ").Append(Names(caps.Required)).Append("; missing ").Append(Names(caps.Missing))
            .Append("; dropped for buildah ").Append(caps.Dropped.Count).Append('\n');
        text.Append("RUN steps hold:   ").Append(Names(caps.RunSteps)).Append('\n');
        var seccomp = report.Seccomp;
        text.Append("seccomp:          ").Append(seccomp.Mode).Append(", ").Append(seccomp.Verdict).Append(": ")
            .Append(string.Join(", ", seccomp.Syscalls.Select(s => $"{s.Key} {s.Value}"))).Append("; namespace trial ").Append(seccomp.Trial).Append('\n');
        text.Append("storage:          ").Append(report.Storage.Selected ?? "none").Append(" (").Append(report.Storage.Explanation).Append(")\n");
        foreach (var candidate in report.Storage.Candidates)
        {
            text.Append("  ").Append(candidate.Driver).Append(": ").Append(candidate.Usable ? "usable" : "not usable").Append(" - ").Append(candidate.Reason).Append('\n');
        }
        foreach (var store in report.ImageStores)
        {
            text.Append("image store:      ").Append(store.Path).Append(": ")
                .Append(store.Used switch { true => "used", false => "NOT used", null => "not decided" })
                .Append(store.Readable ? ", readable" : ", not readable")
                .Append(store.Owner is null ? "" : store.OwnersMapped ? ", owners mapped" : ", owners NOT mapped (written under another ID mapping)")
                .Append(" - ").Append(store.Reason).Append('\n');
            if (store.Fix is { } storeFix)
            {
                text.Append("  fix: ").Append(storeFix).Append('\n');
            }
        }
        if (report.Plan.Layers is { } layers)
        {
            text.Append("layers:           ").Append(layers.Enabled ? "on" : "off").Append(" (").Append(layers.Reason).Append(")\n");
        }
        if (report.Hermetic is { } hermetic)
        {
            text.Append("hermetic builds:  ").Append(hermetic.Possible switch { true => "possible", false => "not possible", null => "not tried" })
                .Append(hermetic.On ? " (this build is hermetic): " : " (this build is not hermetic): ").Append(hermetic.Detail).Append('\n');
        }
        if (report.Plan.Jobs is { } jobs)
        {
            text.Append("parallel stages:  ").Append(jobs.Count).Append(" (").Append(jobs.Source).Append(")\n");
        }
        if (report.Plan.Buildah.Count > 0)
        {
            text.Append("buildah runs (work folder ").Append(report.Plan.WorkDirectory).Append("):\n");
            foreach (var run in report.Plan.Buildah)
            {
                text.Append("  ").Append(string.Join(' ', run.Argv.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))).Append('\n');
                if (run.ArgvWithoutCache is { } fallback)
                {
                    text.Append("  if the layer cache cannot be written, instead: ")
                        .Append(string.Join(' ', fallback.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))).Append('\n');
                }
            }
        }
        foreach (var write in report.Plan.IdentityWrites)
        {
            text.Append("writes ").Append(write.Path).Append(": ").Append(write.Change).Append('\n');
        }
        text.Append("settings not at their default:\n");
        foreach (var (key, setting) in report.Settings.Where(s => s.Value.Source != "default"))
        {
            text.Append("  ").Append(key).Append(" = ").Append(setting.Value.Replace("\n", ", ", StringComparison.Ordinal)).Append("  (").Append(setting.Source).Append(")\n");
        }
        foreach (var warning in report.Warnings)
        {
            text.Append("warning: ").Append(warning).Append('\n');
        }
        foreach (var problem in report.Problems)
        {
            text.Append(problem.Blocking ? "BLOCKING " : "problem ").Append(problem.Code).Append(": ").Append(problem.Message).Append("\n  fix: ").Append(problem.Fix).Append('\n');
        }
        return text.ToString();
    }

    // One line per requirement, in the order a platform admin fixes a pod spec. A requirement is missed when any
    // problem (blocking or not) belongs to it; problems belong by their exit code, which names the requirement.
    private static List<RequirementReport> Requirements(BuildPlan plan)
    {
        var ns = plan.Facts.Host.UserNamespace;
        var privileges = plan.Privileges;
        var seccomp = plan.Facts.Seccomp;
        var storage = plan.Facts.Storage?.Selection;
        var trial = seccomp.Trial switch
        {
            { Ran: false } => "namespace trial not run",
            { Succeeded: true } => "a user and mount namespace with a tmpfs mount works",
            _ => "the namespace trial failed",
        };
        bool Of(Problem p, params int[] exitCodes) => exitCodes.Contains(p.ExitCode) && p.Kind != FailureCatalog.BlobInfoCacheUnwritable;
        var cache = plan.BlobInfoCache;
        (string Name, Func<Problem, bool> Owns, string Detail)[] requirements =
        [
            ("user namespace", p => Of(p, ExitCodes.UserNamespaceRequired), ns.InUserNamespace
                ? $"container root is node UID {ns.HostUidOfRoot}, {ns.Size} IDs mapped"
                : "none: container root is node root"),
            ("capabilities", p => Of(p, ExitCodes.MissingCapability), $"the build needs {string.Join(", ", privileges.Required.Names())}; the pod gives them"),
            ("seccomp", p => Of(p, ExitCodes.SeccompRefused, ExitCodes.NamespacesRefused),
                $"{seccomp.Mode.ToName()}; {string.Join(", ", seccomp.Syscalls.Select(s => s.Syscall))} allowed; {trial}"),
            ("storage", p => Of(p, ExitCodes.StorageUnusable), storage?.Selected is { } driver ? $"{driver.ToName()}: {storage.Explanation}" : NotProbed(plan)),
            ("push cache", p => p.Kind == FailureCatalog.BlobInfoCacheUnwritable,
                cache.Writable ? $"buildah's blob-info cache in {cache.Directory}: pushes skip the layers the registry already holds"
                : plan.Settings.Push ? $"buildah cannot write {cache.Directory}"
                : $"buildah cannot write {cache.Directory}; not needed, the build does not push"),
            ("identity", p => Of(p, ExitCodes.IdentityUnusable), $"{privileges.Mode.ToName()} (uid {plan.Facts.Host.Credentials.EffectiveUid})"),
        ];
        return [.. requirements.Select(r =>
            plan.Problems.FirstOrDefault(r.Owns) is { } problem
                ? new RequirementReport(r.Name, false, (problem.Blocking ? "" : "works, but ") + problem.Message, problem.Fix)
                : new RequirementReport(r.Name, true, r.Detail, null))];
    }

    private static string NotProbed(BuildPlan plan) =>
        plan.Facts.Storage?.RootError is string error ? $"not probed: the storage root cannot be created: {error}"
        : plan.StorageStepAllowed ? "not probed"
        : $"not probed: {plan.Blocking?.Code} makes every buildah run fail, whatever the driver";

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(",", names.Select(n => n.Replace("CAP_", "", StringComparison.Ordinal)));
}
