using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Reporting;
using BuildRunner.Settings;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

/// <summary>The planner over plain fact values: no file system, no processes, no mocks.</summary>
public class PlannerTests
{
    private const string Work = "/tmp/build-runner-42";
    private static readonly CapabilitySet Four = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT");

    public static TheoryData<string, string, int, bool> BlockedCases => new()
    {
        // case, first blocking code, exit code, whether the storage step may still run
        { "missing context", "context-missing", 3, true },
        { "missing Containerfile", "containerfile-missing", 3, true },
        { "nothing to push", "no-output-image", 3, true },
        { "missing capability", "missing-capability", 5, false },
        { "seccomp refuses unshare", "seccomp-refused", 9, false },
        { "seccomp refuses and the context is missing", "seccomp-refused", 9, false },
        { "storage root unwritable", "storage-root-unwritable", 7, true },
        { "no driver works", "storage-unusable", 7, true },
    };

    [Theory]
    [MemberData(nameof(BlockedCases))]
    public void Each_blocking_fact_becomes_the_first_blocking_problem_with_its_exit_code(string shape, string code, int exitCode, bool storageStepAllowed)
    {
        var plan = Planner.Plan(Shaped(shape));

        Assert.Equal("blocked", plan.Verdict);
        Assert.Equal(code, plan.Blocking!.Code);
        Assert.Equal(exitCode, plan.Blocking.ExitCode);
        Assert.Equal(storageStepAllowed, plan.StorageStepAllowed);
        Assert.False(string.IsNullOrWhiteSpace(plan.Blocking.Fix));
    }

    [Theory]
    [InlineData("not json at all", null, "it is not JSON")]
    [InlineData(null, "the file does not exist", "the file does not exist")]
    public void An_auth_file_that_cannot_be_read_or_is_not_JSON_blocks_before_buildah(string? content, string? error, string said)
    {
        var plan = Planner.Plan(Facts(settings: [("build-runner/authfile", "/auth/config.json")]) with
        {
            Secrets = new SecretFacts([], content) { AuthFileError = error },
        });

        Assert.Equal(("authfile-invalid", 3), (plan.Blocking!.Code, plan.Blocking.ExitCode));
        Assert.Contains("\"/auth/config.json\": " + said, plan.Blocking.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_names_the_result_files_it_reports_to_and_doctor_shows_them()
    {
        var plan = Planner.Plan(Facts() with { ResultFiles = new ResultFiles("/out/result.json", "/dev/termination-log", false) });

        Assert.Equal("/out/result.json", plan.ResultFiles.Result);
        var shown = PlanReport.Of(plan).ResultFiles;
        Assert.Equal("/out/result.json", shown["result"]);
        Assert.Equal("/dev/termination-log", shown["terminationMessage"]);
    }

    [Fact]
    public void Before_the_storage_step_the_plan_asks_for_it_and_has_no_buildah_runs()
    {
        var plan = Planner.Plan(Facts());

        Assert.True(plan.NeedsStorageStep);
        Assert.Empty(plan.Steps);
        Assert.Null(plan.Storage);
        Assert.Equal(new StorageRequest(null, "/var/lib/containers/storage", Work + "/run"), plan.StorageRequest);
        Assert.Equal("ready", plan.Verdict);
    }

    [Fact]
    public void After_the_storage_step_the_plan_holds_the_exact_build_and_push_command_lines()
    {
        var plan = Planner.Plan(Facts(settings: [("build-runner/output-image", "registry.example/a/app:1\nregistry.example/a/app:latest")]) with { Storage = Usable(StorageDriver.Overlay) });

        Assert.False(plan.NeedsStorageStep);
        Assert.Equal(new StorageConfiguration(StorageDriver.Overlay, "/var/lib/containers/storage", Work + "/run"), plan.Storage);
        Assert.Equal([BuildahStepKind.Build, BuildahStepKind.Push, BuildahStepKind.Push], plan.Steps.Select(s => s.Kind));
        var build = plan.Steps[0].Invocation.Arguments;
        Assert.Equal(["--root", "/var/lib/containers/storage", "--runroot", Work + "/run", "--storage-driver", "overlay", "--storage-opt", "overlay.mountopt=nodev", "bud"], build.Take(9));
        Assert.Equal("/workspace", build[^1]);
        Assert.Contains(Work + "/image-id", build);
        Assert.Equal(Work + "/image-id", plan.Steps[0].OutputFile);
        Assert.Equal(["push", "--digestfile", Work + "/digest-1", "--tls-verify=true", "--retry", "3", "--retry-delay", "2s", "registry.example/a/app:latest", "docker://registry.example/a/app:latest"],
            plan.Steps[2].Invocation.Arguments.Skip(8));
        Assert.All(plan.Steps, s => Assert.Equal(Work + "/storage.conf", s.Invocation.Environment["CONTAINERS_STORAGE_CONF"]));
    }

    [Fact]
    public void Without_the_jobs_setting_buildah_builds_as_many_stages_at_once_as_the_pod_has_CPUs_and_doctor_says_where_that_came_from()
    {
        var cpu = new CpuAllowance(3, "/sys/fs/cgroup/cpu.max (300000 100000), rounded up: 3");
        var plan = Planner.Plan(Facts() with { Storage = Usable(StorageDriver.Overlay), Cpu = cpu });

        var build = plan.Steps[0].Invocation.Arguments;
        Assert.Equal("3", build[build.IndexOf("--jobs") + 1]);
        Assert.Equal(new JobsReport(3, cpu.Source), PlanReport.Of(plan).Jobs);
        Assert.Contains("parallel stages:  3 (/sys/fs/cgroup/cpu.max (300000 100000), rounded up: 3)",
            DoctorReportBuilder.ToText(DoctorReportBuilder.Build(plan)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_jobs_setting_overrides_the_pods_CPUs_and_doctor_names_the_setting()
    {
        var plan = Planner.Plan(Facts(settings: [("build-runner/jobs", "1")]) with
        {
            Storage = Usable(StorageDriver.Overlay),
            Cpu = new CpuAllowance(4, "cgroup"),
        });

        var build = plan.Steps[0].Invocation.Arguments;
        Assert.Equal("1", build[build.IndexOf("--jobs") + 1]);
        Assert.Equal(1, PlanReport.Of(plan).Jobs!.Count);
        Assert.StartsWith("the setting build-runner/jobs", PlanReport.Of(plan).Jobs!.Source, StringComparison.Ordinal);
    }

    private static Facts Hermetic(HermeticTrial trial, params (string Key, string Value)[] settings)
    {
        var facts = Facts(settings: [("build-runner/hermetic", "true"), ("build-runner/output-image", "registry.example/a/app:1"), .. settings]);
        return facts with
        {
            Storage = Usable(StorageDriver.Overlay),
            Context = facts.Context with { ContainerfileText = "ARG BASE=registry.example/base/busybox:1\nFROM $BASE AS build\nRUN make\nFROM scratch\nCOPY --from=build /app /app\n" },
            Hermetic = new HermeticFacts("/usr/bin/build-runner", trial),
        };
    }

    private static readonly HermeticTrial Works = new(true, true, "made");

    [Fact]
    public void A_hermetic_build_pulls_each_base_image_first_then_builds_with_pull_never_in_its_own_network_namespace_and_pushes_outside_it()
    {
        var plan = Planner.Plan(Hermetic(Works, ("build-runner/pull-policy", "always"), ("build-runner/cache-repo", "registry.example/a/cache")));

        Assert.Equal("ready", plan.Verdict);
        Assert.Equal([BuildahStepKind.Pull, BuildahStepKind.Build, BuildahStepKind.Push], plan.Steps.Select(s => s.Kind));
        var pull = plan.Steps[0];
        Assert.Equal("registry.example/base/busybox:1", pull.Image);
        Assert.Equal(["pull", "--policy", "always", "--tls-verify=true", "--retry", "3", "--retry-delay", "2s", "registry.example/base/busybox:1"], pull.Invocation.Arguments.Skip(8));
        Assert.Null(pull.Invocation.Isolation);
        var build = plan.Steps[1].Invocation;
        Assert.Contains("--pull=never", build.Arguments);
        Assert.Contains("--no-cache", build.Arguments);
        Assert.DoesNotContain("--cache-from", build.Arguments);
        Assert.Equal("/usr/bin/build-runner", build.Isolation!.RunnerPath);
        Assert.Equal(IdMap.Parse(PodFacts.PodMap), build.Isolation.UidMap);
        Assert.Null(plan.Steps[2].Invocation.Isolation);
    }

    [Fact]
    public void A_hermetic_build_with_pull_policy_never_pulls_nothing()
    {
        var plan = Planner.Plan(Hermetic(Works, ("build-runner/pull-policy", "never")));

        Assert.Equal([BuildahStepKind.Build, BuildahStepKind.Push], plan.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void A_hermetic_build_where_the_namespaces_cannot_be_made_is_blocked_with_the_trials_reason()
    {
        var plan = Planner.Plan(Hermetic(new HermeticTrial(true, false, "writing /proc/42/uid_map: Operation not permitted")));

        Assert.Equal(("hermetic-unavailable", 11), (plan.Blocking!.Code, plan.Blocking.ExitCode));
        Assert.Contains("Operation not permitted", plan.Blocking.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/hermetic to false", plan.Blocking.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_says_whether_hermetic_builds_work_even_when_the_build_is_not_hermetic()
    {
        var facts = Facts() with { Hermetic = new HermeticFacts("/bin/build-runner", new HermeticTrial(true, false, "unshare: Operation not permitted")) };

        var report = DoctorReportBuilder.Build(Planner.Plan(facts));

        Assert.Equal(new HermeticReport(false, false, "unshare: Operation not permitted"), report.Hermetic);
        Assert.Contains("hermetic builds:  not possible (this build is not hermetic): unshare: Operation not permitted", DoctorReportBuilder.ToText(report), StringComparison.Ordinal);
        Assert.Equal("ready", Planner.Plan(facts).Verdict);
    }

    [Fact]
    public void Registry_certificates_give_every_build_and_push_a_home_of_their_own_in_the_work_folder()
    {
        var plain = Planner.Plan(Facts(settings: [("build-runner/output-image", "registry.example/a/app:1")]) with { Storage = Usable(StorageDriver.Overlay) });
        var withCerts = Planner.Plan(Facts(settings: [("build-runner/output-image", "registry.example/a/app:1"), ("build-runner/registry-certs", "/certs.d")])
            with { Storage = Usable(StorageDriver.Overlay) });

        Assert.Null(plain.BuildahHome);
        Assert.All(plain.Steps, s => Assert.False(s.Invocation.Environment.ContainsKey("HOME")));
        Assert.Equal(Work + "/buildah-home", withCerts.BuildahHome);
        Assert.All(withCerts.Steps, s => Assert.Equal(Work + "/buildah-home", s.Invocation.Environment["HOME"]));
    }

    public static TheoryData<string, bool, string> LayersCases => new()
    {
        // facts, layers on, how the reason starts
        { "empty store", false, "auto: the overlay store is empty (a fresh volume) and no cache-repo is set" },
        { "store with images", true, "auto: the overlay store already holds 3 images (a volume kept from an earlier build)" },
        { "images only in another driver's store", false, "auto: the vfs store is empty" },
        { "cache repo set on an empty store", true, "auto: a layer cache repository is set; the layer cache registry.example/a/cache is read and written" },
        { "true on an empty store", true, "build-runner/layers is true" },
        { "false on a store with images", false, "build-runner/layers is false" },
        { "false with a cache repo", false, "build-runner/layers is false, so the layer cache registry.example/a/cache is not used" },
    };

    [Theory]
    [MemberData(nameof(LayersCases))]
    public void Layers_auto_is_on_with_a_cache_repo_or_a_store_holding_images_and_off_on_an_empty_store(string shape, bool enabled, string reason)
    {
        var plan = Planner.Plan(LayersShaped(shape));

        Assert.Equal(enabled, plan.Layers!.Enabled);
        Assert.StartsWith(reason, plan.Layers.Reason, StringComparison.Ordinal);
        Assert.Single(plan.Steps[0].Invocation.Arguments, a => a.StartsWith("--layers", StringComparison.Ordinal));
        Assert.Contains("--layers=" + (enabled ? "true" : "false"), plan.Steps[0].Invocation.Arguments);
        var report = PlanReport.Of(plan).Layers!;
        Assert.Equal((enabled, plan.Layers.Reason), (report.Enabled, report.Reason));
        Assert.Contains($"layers:           {(enabled ? "on" : "off")} ({plan.Layers.Reason})\n",
            DoctorReportBuilder.ToText(DoctorReportBuilder.Build(plan)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_repo_is_read_and_written_and_the_plan_holds_the_same_build_without_it_for_when_it_cannot_be_written()
    {
        var plan = Planner.Plan(LayersShaped("cache repo set on an empty store"));

        var build = plan.Steps[0].Invocation.Arguments;
        var from = build.IndexOf("--cache-from");
        Assert.Equal(["--cache-from", "registry.example/a/cache", "--cache-to", "registry.example/a/cache"], build.Skip(from).Take(4));
        Assert.Equal(build.RemoveRange(from, 4).AsEnumerable(), plan.Steps[0].WithoutCache!.Arguments.AsEnumerable());
        Assert.Equal(plan.Steps[0].Invocation.Environment, plan.Steps[0].WithoutCache!.Environment);
        Assert.Null(plan.Steps[1].WithoutCache);
        var report = PlanReport.Of(plan);
        Assert.Equal(new LayerCacheReport("registry.example/a/cache", true), report.Layers!.Cache);
        Assert.Equal(["buildah", .. build.RemoveRange(from, 4)], report.Buildah[0].ArgvWithoutCache!);
        Assert.Null(report.Buildah[1].ArgvWithoutCache);
    }

    [Fact]
    public void A_cache_that_is_only_read_needs_no_build_without_it_since_reading_never_fails_a_build()
    {
        var plan = Planner.Plan(LayersShaped("cache repo set on an empty store", ("build-runner/cache-push", "false")));

        var build = plan.Steps[0].Invocation.Arguments;
        Assert.Equal(["--cache-from", "registry.example/a/cache"], build.Skip(build.IndexOf("--cache-from")).Take(2));
        Assert.DoesNotContain("--cache-to", build);
        Assert.Null(plan.Steps[0].WithoutCache);
        Assert.False(PlanReport.Of(plan).Layers!.Cache!.Push);
    }

    [Fact]
    public void Before_the_storage_step_layers_are_undecided_since_the_driver_decides_which_store_counts()
    {
        Assert.Null(Planner.Plan(Facts() with { ImageStore = new ImageStoreFacts(3, 0) }).Layers);
        Assert.Null(PlanReport.Of(Planner.Plan(Facts())).Layers);
    }

    [Fact]
    public void Without_push_the_plan_builds_only()
    {
        var plan = Planner.Plan(Facts(settings: [("build-runner/push", "false")]) with { Storage = Usable(StorageDriver.Vfs) });

        Assert.Equal([BuildahStepKind.Build], plan.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Vfs_picked_by_auto_is_a_warning_that_degrades_the_plan_but_does_not_block_it()
    {
        var plan = Planner.Plan(Facts() with { Storage = Usable(StorageDriver.Vfs) });

        Assert.Equal("degraded", plan.Verdict);
        Assert.Equal("storage-slow", Assert.Single(plan.Problems).Code);
        Assert.Equal(StorageDriver.Vfs, plan.Storage!.Driver);
    }

    [Fact]
    public void Vfs_asked_for_is_no_problem() =>
        Assert.Empty(Planner.Plan(Facts(settings: [("build-runner/storage-driver", "vfs")]) with { Storage = Usable(StorageDriver.Vfs) }).Problems);

    [Fact]
    public void A_non_root_pod_user_gets_identity_writes_covering_the_namespace_except_its_own_id()
    {
        var plan = Planner.Plan(Facts(uid: 1000, effective: CapabilitySet.None, bounding: Four));

        Assert.Equal(IdentityMode.NonRootUser, plan.Privileges.Mode);
        Assert.Equal(["1:999", "1001:64535"], plan.Rootless!.SubUids.Select(r => $"{r.Start}:{r.Count}"));
        var report = PlanReport.Of(plan);
        Assert.Contains(report.IdentityWrites, w => w.Path == "/etc/subuid" && w.Change == "build:1:999 build:1001:64535");
    }

    [Fact]
    public void Build_argument_values_are_in_the_command_line_and_masked_in_the_report()
    {
        var plan = Planner.Plan(Facts(settings: [("build-runner/build-args", "TOKEN=s3cr3t-value")]) with { Storage = Usable(StorageDriver.Overlay) });

        Assert.Contains("TOKEN=s3cr3t-value", plan.Steps[0].Invocation.Arguments);
        var argv = PlanReport.Of(plan).Buildah[0].Argv;
        Assert.Equal("buildah", argv[0]);
        Assert.Contains("TOKEN=***", argv);
        Assert.DoesNotContain(argv, a => a.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_facts_give_the_same_command_lines()
    {
        var facts = Facts(settings: [("build-runner/labels", "a=b")]) with { Storage = Usable(StorageDriver.Overlay) };

        Assert.Equal(
            PlanReport.Of(Planner.Plan(facts)).Buildah.SelectMany(b => b.Argv),
            PlanReport.Of(Planner.Plan(facts)).Buildah.SelectMany(b => b.Argv));
    }

    [Fact]
    public void A_secret_file_that_cannot_be_read_blocks_the_build_before_storage_naming_the_id_the_path_and_the_setting()
    {
        var facts = Facts(settings: [("build-runner/secrets", "id=token,src=/run/secrets/token")]) with
        {
            Secrets = new SecretFacts([new SecretFileFacts(new BuildSecret("token", "/run/secrets/token"), "/run/secrets/token", null, "the file does not exist")], null),
        };

        var plan = Planner.Plan(facts);

        Assert.Equal("blocked", plan.Verdict);
        Assert.Equal(("secret-missing", 3), (plan.Blocking!.Code, plan.Blocking.ExitCode));
        Assert.Equal("reading the build secret \"token\" from \"/run/secrets/token\": the file does not exist", plan.Blocking.Message);
        Assert.Contains("build-runner/secrets", plan.Blocking.Fix, StringComparison.Ordinal);
        Assert.True(plan.StorageStepAllowed);
    }

    [Fact]
    public void The_build_gets_each_secret_and_every_buildah_run_masks_the_builds_secret_values()
    {
        var facts = Facts(settings: [("build-runner/secrets", "id=token,src=/run/secrets/token"), ("build-runner/build-args", "TOKEN=arg-s3cr3t")]) with
        {
            Storage = Usable(StorageDriver.Overlay),
            Secrets = new SecretFacts([new SecretFileFacts(new BuildSecret("token", "/run/secrets/token"), "/run/secrets/token", "file-s3cr3t\n", null)], null),
        };

        var plan = Planner.Plan(facts);

        Assert.Equal("ready", plan.Verdict);
        Assert.Contains("id=token,src=/run/secrets/token", plan.Steps[0].Invocation.Arguments);
        Assert.All(plan.Steps, s => Assert.Equal("*** ***", s.Invocation.Mask.Apply("arg-s3cr3t file-s3cr3t")));
        Assert.Equal("*** ***", plan.SecretMask.Apply("arg-s3cr3t file-s3cr3t"));
    }

    [Fact]
    public void The_doctor_report_shows_no_secret_value_in_annotations_settings_or_command_lines_in_JSON_or_text()
    {
        var facts = Facts(settings:
        [
            ("build-runner/build-args", "TOKEN=arg-s3cr3t\nV=1"),
            ("build-runner/labels", "copied=arg-s3cr3t"),
            ("kubectl.kubernetes.io/last-applied-configuration", "{\"build-runner/build-args\":\"TOKEN=arg-s3cr3t\"}"),
        ]) with { Storage = Usable(StorageDriver.Overlay) };

        var report = DoctorReportBuilder.Build(Planner.Plan(facts));
        var json = DoctorReportBuilder.ToJson(report);
        var text = DoctorReportBuilder.ToText(report);

        Assert.DoesNotContain("s3cr3t", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.Equal("TOKEN=***\nV=***", report.Annotations["build-runner/build-args"]);
        Assert.Equal("{\"build-runner/build-args\":\"TOKEN=***\"}", report.Annotations["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal("TOKEN=***\nV=***", report.Settings["build-runner/build-args"].Value);
        Assert.Equal("copied=***", report.Settings["build-runner/labels"].Value);
        Assert.Contains("TOKEN=***", report.Plan.Buildah[0].Argv);
        Assert.Contains("copied=***", report.Plan.Buildah[0].Argv);
    }

    private static Facts Shaped(string shape) => shape switch
    {
        "missing context" => Facts(context: new ContextFacts("/workspace", false, null, false)),
        "missing Containerfile" => Facts(context: new ContextFacts("/workspace", true, "/workspace/Other", false)),
        "nothing to push" => Facts(settings: [("build-runner/output-image", "")]),
        "missing capability" => Facts(effective: CapabilitySet.Of("SETUID", "SETGID", "SETFCAP"), bounding: CapabilitySet.Of("SETUID", "SETGID", "SETFCAP")),
        "seccomp refuses unshare" => Facts(seccomp: Refusing),
        "seccomp refuses and the context is missing" => Facts(seccomp: Refusing, context: new ContextFacts("/workspace", false, null, false)),
        "storage root unwritable" => Facts() with { Storage = new StorageFacts("Read-only file system", null) },
        "no driver works" => Facts() with
        {
            Storage = new StorageFacts(null, new StorageSelection(null,
                [new StorageCandidate(StorageDriver.Overlay, false, "overlay is not supported over overlayfs"), new StorageCandidate(StorageDriver.Vfs, false, "no space")],
                "no storage driver works here")),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    // A ready pod with overlay (vfs where the case says), and the store and settings the case names.
    private static Facts LayersShaped(string shape, params (string Key, string Value)[] more)
    {
        (string Key, string Value)[] settings = shape switch
        {
            "cache repo set on an empty store" => [("build-runner/cache-repo", "registry.example/a/cache")],
            "true on an empty store" => [("build-runner/layers", "true")],
            "false on a store with images" => [("build-runner/layers", "false")],
            "false with a cache repo" => [("build-runner/layers", "false"), ("build-runner/cache-repo", "registry.example/a/cache")],
            _ => [],
        };
        var (store, driver) = shape switch
        {
            "store with images" or "false on a store with images" => (new ImageStoreFacts(3, 0), StorageDriver.Overlay),
            "images only in another driver's store" => (new ImageStoreFacts(3, 0), StorageDriver.Vfs),
            _ => (ImageStoreFacts.Empty, StorageDriver.Overlay),
        };
        return Facts(settings: [.. settings, .. more]) with { ImageStore = store, Storage = Usable(driver) };
    }

    private static readonly SeccompFacts Allowing = new(SeccompMode.Filter,
        [new SyscallCheck("unshare", true, "ok"), new SyscallCheck("mount", true, "ENOENT"), new SyscallCheck("umount2", true, "ENOENT")],
        new NamespaceTrial(true, true, "worked"));

    private static readonly SeccompFacts Refusing = Allowing with
    {
        Syscalls = [new SyscallCheck("unshare", false, "EPERM"), new SyscallCheck("mount", false, "EPERM"), new SyscallCheck("umount2", false, "EPERM")],
        Trial = new NamespaceTrial(true, false, "unshare failed: Operation not permitted"),
    };

    private static StorageFacts Usable(StorageDriver driver) =>
        new(null, new StorageSelection(driver, [new StorageCandidate(driver, true, "wrote a layer")], $"auto picked {driver.ToName()}"));

    // A ready pod (PodFacts.Ready), with what a test is about changed.
    private static Facts Facts(
        (string Key, string Value)[]? settings = null,
        long uid = 0,
        CapabilitySet? effective = null,
        CapabilitySet? bounding = null,
        SeccompFacts? seccomp = null,
        ContextFacts? context = null)
    {
        var ready = PodFacts.Ready(settings, uid, PodFacts.PodMap, effective, bounding);
        return ready with { Seccomp = seccomp ?? ready.Seccomp, Context = context ?? ready.Context };
    }
}
