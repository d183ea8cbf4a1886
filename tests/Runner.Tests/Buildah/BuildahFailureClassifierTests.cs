using BuildRunner.Buildah;
using BuildRunner.Planning;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Buildah;

/// <summary>
/// The classifier over buildah 1.28's own words. Every sample was captured from a real failure on this machine
/// (2026-11-28): buildah bud and push against docker-registry 2.8 with htpasswd, a self-signed certificate, a stopped
/// registry, a broken storage backend, a tiny server answering 503 or 403, a 256 KiB tmpfs on /var/tmp, and the runner in
/// the sandbox on a 2 MiB tmpfs. Some copier dumps are cut (they run to kilobytes); otherwise the lines are verbatim.
/// </summary>
public class BuildahFailureClassifierTests
{
    private const string Context = "/workspace";
    private const string Blob = "sha256:2be5fabbed24f78314e4247a72faca65acfce6f4ade3c9b02c2729c972a9da30";

    private static readonly string[] Pulled =
    [
        "Getting image source signatures",
        "Copying blob sha256:30d7a14db120f52e0a214c9babdec5a4ea2f3bf72fa06df7f5645c0bcaec33ae",
        "Copying config sha256:fc0dc630f641811e6653d42e683d340c633ae034b0fd64b7fb62a59e86f7d46f",
        "Writing manifest to image destination",
        "Storing signatures",
    ];

    private static BuildSettings Settings(params (string Name, string Value)[] values) =>
        BuildSettings.From(SettingsResolver.Resolve(
        [
            new SettingLayer(SettingSource.Flag, "test", values.ToDictionary(v => SettingDefinition.AnnotationPrefix + v.Name, v => v.Value, StringComparer.Ordinal)),
        ]));

    private static BuildahFailure Build(int exitCode, string[] tail, BuildSettings? settings = null, int runs = 1) =>
        BuildahFailureClassifier.Classify(BuildahStepKind.Build, Context, new BuildahOutcome(exitCode, [.. tail], 4242), settings ?? Settings(), runs);

    private static BuildahFailure Push(string image, int exitCode, string[] tail, BuildSettings? settings = null, int runs = 1) =>
        BuildahFailureClassifier.Classify(BuildahStepKind.Push, image, new BuildahOutcome(exitCode, [.. tail], 4242), settings ?? Settings(), runs);

    private static string[] PushOf(params string[] lines) => ["Getting image source signatures", $"Copying blob {Blob}", .. lines];

    [Fact]
    public void On_a_full_disk_whose_last_error_is_buildahs_own_state_the_running_RUN_step_is_still_named()
    {
        var failure = Build(1,
        [
            "STEP 1/2: FROM 127.0.0.1:41261/build-runner/busybox:latest",
            "STEP 2/2: RUN dd if=/dev/zero of=/big bs=1k count=16384",
            "dd: error writing '/big': No space left on device",
            "Error: saving builder state to \"/s/overlay-containers/c9/userdata/buildah.json\": write /s/overlay-containers/c9/userdata/.tmp-buildah.json1: no space left on device",
        ], Settings(("storage-root", "/s")));

        Assert.Equal("storage-full", failure.Problem.Code);
        Assert.Contains("the RUN step \"dd if=/dev/zero of=/big bs=1k count=16384\" failed after \"dd: error writing '/big': No space left on device\"", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_owned_by_an_ID_the_namespace_does_not_map_is_a_user_namespace_too_small_for_the_image()
    {
        // Captured: a base with /nobody owned by 65534, built in a sandbox mapping 1000 IDs.
        var failure = Build(1,
        [
            "Copying blob sha256:e9bba04ad28b3b5961464713f22543594e60260d6a398a1eb231afcfe24b1dab",
            "time=\"2026-11-28T11:24:39Z\" level=error msg=\"While applying layer: ApplyLayer stdout:  stderr: potentially insufficient UIDs or GIDs available in user namespace (requested 65534:65534 for /nobody): Check /etc/subuid and /etc/subgid if configured locally and run podman-system-migrate: lchown /nobody: invalid argument exit status 1\"",
            "Error: creating build container: writing blob: adding layer with blob \"sha256:e9bba04ad28b3b5961464713f22543594e60260d6a398a1eb231afcfe24b1dab\": ApplyLayer stdout:  stderr: potentially insufficient UIDs or GIDs available in user namespace (requested 65534:65534 for /nobody): Check /etc/subuid and /etc/subgid if configured locally and run podman-system-migrate: lchown /nobody: invalid argument exit status 1",
        ]);

        Assert.Equal(("user-namespace-too-small", 4), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.Contains("owned by 65534:65534 (/nobody)", failure.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("65536 IDs", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("podman-system-migrate", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Error: building at STEP \"FRMO \": Build error: Unknown instruction: \"FRMO\" &imagebuilder.Step{Env:[]string{\"PATH=/usr/bin\"}, Command:\"frmo\", Original:\"FRMO x\"}", "STEP \"FRMO\": Unknown instruction: \"FRMO\"")]
    [InlineData("Error: building at STEP \"COPY \": COPY requires at least one argument", "STEP \"COPY\": COPY requires at least one argument")]
    public void A_Containerfile_buildah_cannot_parse_is_a_configuration_problem_naming_the_step(string errorLine, string named)
    {
        var failure = Build(125, ["STEP 1/2: FROM scratch", "STEP 2/2: x", errorLine]);

        Assert.Equal(("containerfile-invalid", 3), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.Contains(named, failure.Problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("imagebuilder.Step", failure.Problem.Message, StringComparison.Ordinal);
    }

    private static readonly string[] HermeticWget =
    [
        "STEP 1/3: FROM scratch",
        "STEP 2/3: COPY busybox /bin/busybox",
        "STEP 3/3: RUN /bin/busybox wget -q -O- http://127.0.0.1:35555/v2/",
        "wget: can't connect to remote host (127.0.0.1): Connection refused",
        "subprocess exited with status 1",
        "subprocess exited with status 1",
        "Error: building at STEP \"RUN /bin/busybox wget -q -O- http://127.0.0.1:35555/v2/\": exit status 1",
    ];

    [Fact]
    public void A_RUN_step_of_a_hermetic_build_that_fails_reaching_the_network_says_the_build_is_hermetic_and_names_the_step()
    {
        var failure = Build(1, HermeticWget, Settings(("hermetic", "true")));

        Assert.Equal("hermetic-network-used", failure.Problem.Code);
        Assert.Equal(1, failure.Problem.ExitCode);
        Assert.False(failure.RetryByRunner);
        Assert.StartsWith("building the image from /workspace: the RUN step \"/bin/busybox wget -q -O- http://127.0.0.1:35555/v2/\" exited with status 1 after trying the network (\"wget: can't connect to remote host (127.0.0.1): Connection refused\"), and the build is hermetic (build-runner/hermetic: true)",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/hermetic to false", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_failure_without_hermetic_is_a_plain_RUN_step_failure()
    {
        Assert.Equal("run-step-failed", Build(1, HermeticWget).Problem.Code);
    }

    [Fact]
    public void A_hermetic_RUN_step_failing_for_another_reason_is_a_plain_RUN_step_failure()
    {
        var failure = Build(3,
        [
            "STEP 2/2: RUN ls /no/such/file",
            "ls: /no/such/file: No such file or directory",
            "subprocess exited with status 1",
            "Error: building at STEP \"RUN ls /no/such/file\": exit status 1",
        ], Settings(("hermetic", "true")));

        Assert.Equal("run-step-failed", failure.Problem.Code);
    }

    [Fact]
    public void A_failed_pull_before_a_hermetic_build_names_the_base_image_and_its_registry()
    {
        var failure = BuildahFailureClassifier.Classify(BuildahStepKind.Pull, "127.0.0.1:1/base/busybox:latest", new BuildahOutcome(125,
        [
            "Trying to pull 127.0.0.1:1/base/busybox:latest...",
            "Error: initializing source docker://127.0.0.1:1/base/busybox:latest: pinging container registry 127.0.0.1:1: Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused",
        ], 4242), Settings(("hermetic", "true")));

        Assert.Equal("registry-unreachable", failure.Problem.Code);
        Assert.StartsWith("pulling 127.0.0.1:1/base/busybox:latest into the store: the registry 127.0.0.1:1 could not be reached", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_RUN_step_that_exits_3_names_the_step_its_status_and_its_own_last_lines()
    {
        var failure = Build(3,
        [
            "STEP 1/2: FROM 127.0.0.1:60407/base/busybox:latest",
            "Trying to pull 127.0.0.1:60407/base/busybox:latest...",
            .. Pulled,
            "STEP 2/2: RUN echo preparing &&     ls /no/such/file; echo 'oh no' >&2; exit 3",
            "preparing",
            "ls: /no/such/file: No such file or directory",
            "oh no",
            "subprocess exited with status 3",
            "subprocess exited with status 3",
            "Error: building at STEP \"RUN echo preparing &&     ls /no/such/file; echo 'oh no' >&2; exit 3\": exit status 3",
        ]);

        Assert.Equal("run-step-failed", failure.Problem.Code);
        Assert.Equal(1, failure.Problem.ExitCode);
        Assert.False(failure.RetryByRunner);
        Assert.Equal(
            "building the image from /workspace: the RUN step \"echo preparing &&     ls /no/such/file; echo 'oh no' >&2; exit 3\" exited with status 3; its last lines:\n"
            + "preparing\nls: /no/such/file: No such file or directory\noh no\n"
            + "Error: building at STEP \"RUN echo preparing &&     ls /no/such/file; echo 'oh no' >&2; exit 3\": exit status 3",
            failure.Problem.Message);
        Assert.Contains("RUN step's command", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_RUN_step_of_a_later_stage_is_found_after_its_stage_prefix()
    {
        var failure = Build(1,
        [
            "[1/2] STEP 1/2: FROM 127.0.0.1:60407/base/busybox:latest AS builder",
            "[1/2] STEP 2/2: RUN echo compiling > /out",
            "[2/2] STEP 1/3: FROM 127.0.0.1:60407/base/busybox:latest",
            "[2/2] STEP 2/3: COPY --from=builder /out /out",
            "[2/2] STEP 3/3: RUN echo 'make: *** [all] Error 2' >&2; false",
            "make: *** [all] Error 2",
            "subprocess exited with status 1",
            "subprocess exited with status 1",
            "Error: building at STEP \"RUN echo 'make: *** [all] Error 2' >&2; false\": exit status 1",
        ]);

        Assert.Equal("run-step-failed", failure.Problem.Code);
        Assert.StartsWith("building the image from /workspace: the RUN step \"echo 'make: *** [all] Error 2' >&2; false\" exited with status 1; its last lines:\nmake: *** [all] Error 2\nError:",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("compiling", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_RUN_step_that_fills_the_storage_volume_is_storage_full_naming_the_step_and_the_storage_root()
    {
        var failure = Build(1,
        [
            "STEP 2/2: RUN dd if=/dev/zero of=/big bs=1k count=1024",
            "dd: error writing '/big': No space left on device",
            "37+0 records in",
            "36+0 records out",
            "subprocess exited with status 1",
            "subprocess exited with status 1",
            "time=\"2026-11-28T10:55:05Z\" level=error msg=\"error unmounting container: saving updated state for build container \\\"eb2b0c54c5511e6797364b2c38f6b2a687be4a15172c35e92d50f84caa912e4f\\\": saving builder state to \\\"/var/lib/build-runner-sandbox/exp-full/small/storage/overlay-containers/eb2b0c54c5511e6797364b2c38f6b2a687be4a15172c35e92d50f84caa912e4f/userdata/buildah.json\\\": write /var/lib/build-runner-sandbox/exp-full/small/storage/overlay-containers/eb2b0c54c5511e6797364b2c38f6b2a687be4a15172c35e92d50f84caa912e4f/userdata/.tmp-buildah.json3912772035: no space left on device\"",
            "Error: building at STEP \"RUN dd if=/dev/zero of=/big bs=1k count=1024\": exit status 1",
        ], Settings(("storage-root", "/var/lib/build-runner-sandbox/exp-full/small/storage")));

        Assert.Equal(("storage-full", 7), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.Equal(
            "building the image from /workspace: the storage volume is full (the storage root /var/lib/build-runner-sandbox/exp-full/small/storage): "
            + "the RUN step \"dd if=/dev/zero of=/big bs=1k count=1024\" exited with status 1 after \"dd: error writing '/big': No space left on device\"",
            failure.Problem.Message);
        Assert.StartsWith("give the storage volume more room: raise the sizeLimit of the emptyDir mounted at /var/lib/build-runner-sandbox/exp-full/small/storage",
            failure.Problem.Fix, StringComparison.Ordinal);
        Assert.Contains("ephemeral-storage", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_COPY_into_a_full_volume_is_storage_full_with_the_clause_that_says_where_not_the_whole_copier_dump()
    {
        var failure = Build(125,
        [
            .. Pulled,
            "STEP 2/2: COPY blob /blob",
            "time=\"2026-11-28T10:55:06Z\" level=error msg=\"error unmounting container: saving updated state for build container \\\"94d62c11a546e1064e922001e583c15e68a385735879bb242274ecdb23c967a9\\\": saving builder state to \\\"/var/lib/build-runner-sandbox/exp-full/small/storage/overlay-containers/94d62c11a546e1064e922001e583c15e68a385735879bb242274ecdb23c967a9/userdata/buildah.json\\\": write /var/lib/build-runner-sandbox/exp-full/small/storage/overlay-containers/94d62c11a546e1064e922001e583c15e68a385735879bb242274ecdb23c967a9/userdata/.tmp-buildah.json4055437398: no space left on device\"",
            "Error: building at STEP \"COPY blob /blob\": 3 errors occurred:",
            "\t* reading \"/var/lib/build-runner-sandbox/exp-full/ctx/blob\": error during bulk transfer for copier.request{Request:\"GET\", Root:\"/\", preservedRoot:\"/var/lib/build-runner-sandbox/exp-full/ctx\", rootPrefix:\"/var/lib/build-runner-sandbox/exp-full/ctx\", Directory:\"/\", preservedDirectory:\"/var/lib/build-runner-sandbox/exp-full/ctx\", Globs:[]string{\"/blob\"}, preservedGlobs:[]string{\"/var/lib/build-runner-sandbox/exp-full/ctx/blob\"}, StatOptions:copier.StatOptions{CheckForArchives:false, Excludes:[]string(nil)}, GetOptions:copier.GetOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), Excludes:[]string(nil), ExpandArchives:false, ChownDirs:(*idtools.IDPair)(0xc0001b6fa0), ChmodDirs:(*fs.FileMode)(nil), ChownFiles:(*idtools.IDPair)(0xc0001b6fb0), ChmodFiles:(*fs.FileMode)(nil), StripSetuidBit:true, StripSetgidBit:true, StripStickyBit:false, StripXattrs:false, KeepDirectoryNames:false, Rename:map[string]string(nil), NoDerefSymlinks:false, IgnoreUnreadable:false, NoCrossDevice:false}, PutOptions:copier.PutOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), DefaultDirOwner:(*idtools.IDPair)(nil), DefaultDirMode:(*fs.FileMode)(nil), ChownDirs:(*idtools.IDPair)(nil), ChmodDirs:(*fs.FileMode)(nil), ChownFiles:(*idtools.IDPair)(nil), ChmodFiles:(*fs.FileMode)(nil), StripSetuidBit:false, StripSetgidBit:false, StripStickyBit:false, StripXattrs:false, IgnoreXattrErrors:false, IgnoreDevices:false, NoOverwriteDirNonDir:false, NoOverwriteNonDirDir:false, Rename:map[string]string(nil)}, MkdirOptions:copier.MkdirOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), ChownNew:(*idtools.IDPair)(nil), ChmodNew:(*fs.FileMode)(nil)}, RemoveOptions:copier.RemoveOptions{All:false}}: copier: get: \"/blob\": copying /blob: write bulk-writer: broken pipe",
            "\t* closing \"/var/lib/build-runner-sandbox/exp-full/ctx/blob\": reading tar archive: copying content for \"blob\": io: read/write on closed pipe",
            "\t* storing \"/var/lib/build-runner-sandbox/exp-full/ctx/blob\": error during bulk transfer for copier.request{Request:\"PUT\", Root:\"/\", preservedRoot:\"/var/lib/build-runner-sandbox/exp-full/small/storage/overlay/59b3224dad16de6bab97dd967b28e75797f9ff565a3d834fccfd487b39d6c01a/merged\", rootPrefix:\"/var/lib/build-runner-sandbox/exp-full/small/storage/overlay/59b3224dad16de6bab97dd967b28e75797f9ff565a3d834fccfd487b39d6c01a/merged\", Directory:\"/\", preservedDirectory:\"/var/lib/build-runner-sandbox/exp-full/small/storage/overlay/59b3224dad16de6bab97dd967b28e75797f9ff565a3d834fccfd487b39d6c01a/merged\", Globs:[]string{}, preservedGlobs:[]string{}, StatOptions:copier.StatOptions{CheckForArchives:false, Excludes:[]string(nil)}, GetOptions:copier.GetOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), Excludes:[]string(nil), ExpandArchives:false, ChownDirs:(*idtools.IDPair)(nil), ChmodDirs:(*fs.FileMode)(nil), ChownFiles:(*idtools.IDPair)(nil), ChmodFiles:(*fs.FileMode)(nil), StripSetuidBit:false, StripSetgidBit:false, StripStickyBit:false, StripXattrs:false, KeepDirectoryNames:false, Rename:map[string]string(nil), NoDerefSymlinks:false, IgnoreUnreadable:false, NoCrossDevice:false}, PutOptions:copier.PutOptions{UIDMap:[]idtools.IDMap{}, GIDMap:[]idtools.IDMap{}, DefaultDirOwner:(*idtools.IDPair)(0xc00003bcd0), DefaultDirMode:(*fs.FileMode)(nil), ChownDirs:(*idtools.IDPair)(nil), ChmodDirs:(*fs.FileMode)(nil), ChownFiles:(*idtools.IDPair)(nil), ChmodFiles:(*fs.FileMode)(nil), StripSetuidBit:false, StripSetgidBit:false, StripStickyBit:false, StripXattrs:false, IgnoreXattrErrors:false, IgnoreDevices:true, NoOverwriteDirNonDir:false, NoOverwriteNonDirDir:false, Rename:map[string]string(nil)}, MkdirOptions:copier.MkdirOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), ChownNew:(*idtools.IDPair)(nil), ChmodNew:(*fs.FileMode)(nil)}, RemoveOptions:copier.RemoveOptions{All:false}}: copier: put: error creating \"/blob\": copier: put: error writing file \"/blob\": write /blob: no space left on device",
        ], Settings(("storage-root", "/var/lib/build-runner-sandbox/exp-full/small/storage")));

        Assert.Equal("storage-full", failure.Problem.Code);
        Assert.EndsWith(": the storage volume is full (the storage root /var/lib/build-runner-sandbox/exp-full/small/storage): \"write /blob: no space left on device\"",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.True(failure.Problem.Message.Length < 300, failure.Problem.Message);
    }

    [Fact]
    public void No_space_under_var_tmp_blames_buildahs_temporary_folder_and_asks_for_an_emptyDir_there()
    {
        var failure = Build(125,
        [
            "Trying to pull 127.0.0.1:60407/base/busybox:latest...",
            "Getting image source signatures",
            "Copying blob sha256:30d7a14db120f52e0a214c9babdec5a4ea2f3bf72fa06df7f5645c0bcaec33ae",
            "Error: creating build container: writing blob: storing blob to file \"/var/tmp/storage2457135169/1\": write /var/tmp/storage2457135169/1: no space left on device",
        ]);

        Assert.Equal("storage-full", failure.Problem.Code);
        Assert.Contains("the folder of buildah's temporary files (/var/tmp/storage2457135169, outside the storage root /var/lib/containers/storage) is full", failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("give buildah's temporary folder room: mount an emptyDir at /var/tmp", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_push_without_credentials_to_an_htpasswd_registry_is_auth_refused_naming_registry_and_repository_and_is_not_retried()
    {
        var failure = Push("127.0.0.1:5101/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5101/team/app:1\": trying to reuse blob {Blob} at destination: checking whether a blob {Blob} exists in 127.0.0.1:5101/team/app: unauthorized: authentication required"));

        Assert.Equal(("registry-auth-refused", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.False(failure.RetryByRunner);
        Assert.StartsWith("pushing 127.0.0.1:5101/team/app:1: the registry 127.0.0.1:5101 refused the credentials for team/app (401: authentication required):\nError: pushing image",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("no credentials were given: mount the registry's secret", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.Contains("build-runner/authfile", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1:5101\" that may push to team/app", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_credentials_from_an_authfile_say_which_file_the_registry_refuses()
    {
        var failure = Push("docker://127.0.0.1:5101/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5101/team/app:1\": trying to reuse blob {Blob} at destination: checking whether a blob {Blob} exists in 127.0.0.1:5101/team/app: unauthorized: authentication required"),
            Settings(("authfile", "/run/secrets/push/.dockerconfigjson")));

        Assert.StartsWith("the credentials in /run/secrets/push/.dockerconfigjson (--authfile, or the push secret) are refused by 127.0.0.1:5101 for team/app", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.Contains("not retried", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_403_on_push_is_auth_refused_as_access_denied()
    {
        var failure = Push("127.0.0.1:5106/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5106/team/app:1\": trying to reuse blob {Blob} at destination: failed to read from destination repository team/app: 403 (Forbidden)"));

        Assert.Equal("registry-auth-refused", failure.Problem.Code);
        Assert.Contains("(403: access denied)", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pulling_the_base_image_from_a_registry_that_wants_credentials_is_auth_refused_with_exit_8()
    {
        var failure = Build(125,
        [
            "STEP 1/2: FROM 127.0.0.1:5101/base/busybox:latest",
            "Trying to pull 127.0.0.1:5101/base/busybox:latest...",
            "Error: creating build container: initializing source docker://127.0.0.1:5101/base/busybox:latest: reading manifest latest in 127.0.0.1:5101/base/busybox: unauthorized: authentication required",
        ]);

        Assert.Equal(("registry-auth-refused", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.StartsWith("building the image from /workspace: pulling 127.0.0.1:5101/base/busybox:latest: the registry 127.0.0.1:5101 refused the credentials for base/busybox (401: authentication required)",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("may pull from base/busybox", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_denied_pull_is_auth_refused_but_a_local_permission_denied_is_not()
    {
        var denied = Build(125,
        [
            "Trying to pull 127.0.0.1:5106/base/busybox:latest...",
            "Error: creating build container: initializing source docker://127.0.0.1:5106/base/busybox:latest: reading manifest latest in 127.0.0.1:5106/base/busybox: denied",
        ]);
        var unreadable = Build(125,
        [
            "STEP 2/2: COPY locked /locked",
            "Error: building at STEP \"COPY locked /locked\": reading \"/var/lib/build-runner-sandbox/exp-full/ctx/locked\": error during bulk transfer for copier.request{Request:\"GET\", Root:\"/\", preservedRoot:\"/var/lib/build-runner-sandbox/exp-full/ctx\", rootPrefix:\"/var/lib/build-runner-sandbox/exp-full/ctx\", Directory:\"/\", preservedDirectory:\"/var/lib/build-runner-sandbox/exp-full/ctx\", Globs:[]string{\"/locked\"}, preservedGlobs:[]string{\"/var/lib/build-runner-sandbox/exp-full/ctx/locked\"}, StatOptions:copier.StatOptions{CheckForArchives:false, Excludes:[]string(nil)}, GetOptions:copier.GetOptions{UIDMap:[]idtools.IDMap(nil), GIDMap:[]idtools.IDMap(nil), Excludes:[]string(nil), ExpandArchives:false, ChownDirs:(*idtools.IDPair)(0xc00017e4f0), ChmodDirs:(*fs.FileMode)(nil), ChownFiles:(*idtools.IDPair)(0xc00017e500), ChmodFiles:(*fs.FileMode)(nil), StripSetuidBit:true, StripSetgidBit:true, StripStickyBit:false, StripXattrs:false, KeepDirectoryNames:false, Rename:map[string]string(nil), NoDerefSymlinks:false, IgnoreUnreadable:false, NoCrossDevice:false}}: copier: get: \"/locked\": opening file for adding its contents to archive: open /locked: permission denied",
        ]);

        Assert.Equal("registry-auth-refused", denied.Problem.Code);
        Assert.Contains("(403: access denied)", denied.Problem.Message, StringComparison.Ordinal);
        Assert.Equal("build-failed", unreadable.Problem.Code);
    }

    [Fact]
    public void A_self_signed_registry_without_its_CA_is_a_TLS_failure_whose_fix_is_the_CA_in_certs_d()
    {
        var failure = Push("127.0.0.1:5102/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5102/team/app:1\": trying to reuse blob {Blob} at destination: pinging container registry 127.0.0.1:5102: Get \"https://127.0.0.1:5102/v2/\": x509: certificate signed by unknown authority"));

        Assert.Equal(("registry-tls-failed", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.False(failure.RetryByRunner);
        Assert.StartsWith("pushing 127.0.0.1:5102/team/app:1: TLS with the registry 127.0.0.1:5102 failed: its certificate is signed by an authority the pod does not trust",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("give the pod the registry's CA: mount it (from a ConfigMap or Secret) as /etc/containers/certs.d/127.0.0.1:5102/ca.crt", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.Contains("build-runner/tls-verify=false (--tls-verify=false) only for a test registry", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_cert_dir_an_untrusted_certificate_asks_for_the_CA_in_that_folder_since_certs_d_is_not_read()
    {
        var failure = Push("127.0.0.1:5102/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5102/team/app:1\": trying to reuse blob {Blob} at destination: pinging container registry 127.0.0.1:5102: Get \"https://127.0.0.1:5102/v2/\": x509: certificate signed by unknown authority"),
            Settings(("cert-dir", "/etc/registry-cas")));

        Assert.Equal(("registry-tls-failed", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.StartsWith("put the CA that signed 127.0.0.1:5102's certificate in /etc/registry-cas (build-runner/cert-dir, --cert-dir) as a *.crt file: with that setting buildah reads no other folder, not /etc/containers/certs.d",
            failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Pulling_from_a_self_signed_registry_is_the_same_TLS_failure()
    {
        var failure = Build(125,
        [
            "Trying to pull 127.0.0.1:5102/base/busybox:latest...",
            "Error: creating build container: initializing source docker://127.0.0.1:5102/base/busybox:latest: pinging container registry 127.0.0.1:5102: Get \"https://127.0.0.1:5102/v2/\": x509: certificate signed by unknown authority",
        ]);

        Assert.Equal("registry-tls-failed", failure.Problem.Code);
        Assert.Contains("pulling 127.0.0.1:5102/base/busybox:latest: TLS with the registry 127.0.0.1:5102 failed", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_the_registrys_IP_asks_for_a_reissued_certificate()
    {
        var failure = Push("127.0.0.1:5110/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5110/team/app:1\": trying to reuse blob {Blob} at destination: pinging container registry 127.0.0.1:5110: Get \"https://127.0.0.1:5110/v2/\": x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"));

        Assert.Equal("registry-tls-failed", failure.Problem.Code);
        Assert.Contains("its certificate is not valid for the name 127.0.0.1", failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("reissue the registry's certificate with 127.0.0.1 in its subjectAltName", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_HTTP_registry_with_TLS_verification_on_is_a_TLS_failure_that_says_so()
    {
        var failure = Push("127.0.0.1:60407/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:60407/team/app:1\": trying to reuse blob {Blob} at destination: pinging container registry 127.0.0.1:60407: Get \"https://127.0.0.1:60407/v2/\": http: server gave HTTP response to HTTPS client"));

        Assert.Equal("registry-tls-failed", failure.Problem.Code);
        Assert.Contains("it serves plain HTTP and TLS verification is on", failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("serve 127.0.0.1:60407 over HTTPS, or set build-runner/tls-verify=false", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_registry_is_unreachable_after_buildahs_own_retries_and_the_runner_does_not_retry_it_again()
    {
        const string Refused = "pinging container registry 127.0.0.1:5109: Get \\\"http://127.0.0.1:5109/v2/\\\": dial tcp 127.0.0.1:5109: connect: connection refused";
        var failure = Push("127.0.0.1:5109/team/app:1", 125,
        [
            .. PushOf($"time=\"2026-11-28T10:52:06Z\" level=warning msg=\"Failed, retrying in 100ms ... (1/3). Error: trying to reuse blob {Blob} at destination: {Refused}\""),
            .. PushOf($"time=\"2026-11-28T10:52:06Z\" level=warning msg=\"Failed, retrying in 100ms ... (2/3). Error: trying to reuse blob {Blob} at destination: {Refused}\""),
            .. PushOf($"time=\"2026-11-28T10:52:06Z\" level=warning msg=\"Failed, retrying in 100ms ... (3/3). Error: trying to reuse blob {Blob} at destination: {Refused}\""),
            .. PushOf($"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5109/team/app:1\": trying to reuse blob {Blob} at destination: pinging container registry 127.0.0.1:5109: Get \"http://127.0.0.1:5109/v2/\": dial tcp 127.0.0.1:5109: connect: connection refused"),
        ]);

        Assert.Equal(("registry-unreachable", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.False(failure.RetryByRunner);
        Assert.StartsWith("pushing 127.0.0.1:5109/team/app:1: the registry 127.0.0.1:5109 could not be reached (connection refused, 4 attempts):\nError: pushing image",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("check that 127.0.0.1:5109 is up and reachable from the pod", failure.Problem.Fix, StringComparison.Ordinal);
        Assert.EndsWith("(build-runner/retries=3, build-runner/retry-delay=2s)", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_host_that_does_not_resolve_is_unreachable()
    {
        var failure = Build(125,
        [
            "Trying to pull nosuchhost.invalid/base/busybox:1...",
            "Error: creating build container: initializing source docker://nosuchhost.invalid/base/busybox:1: pinging container registry nosuchhost.invalid: Get \"http://nosuchhost.invalid/v2/\": dial tcp: lookup nosuchhost.invalid on 10.255.255.53:53: no such host",
        ]);

        Assert.Equal("registry-unreachable", failure.Problem.Code);
        Assert.Contains("the registry nosuchhost.invalid could not be reached (no such host)", failure.Problem.Message, StringComparison.Ordinal);
        Assert.False(failure.RetryByRunner);
    }

    [Fact]
    public void A_short_name_on_docker_io_is_named_by_its_registry_when_docker_io_is_unreachable()
    {
        var failure = Build(125,
        [
            "Error: creating build container: initializing source docker://busybox:latest: pinging container registry registry-1.docker.io: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host",
        ]);

        Assert.Equal("registry-unreachable", failure.Problem.Code);
        Assert.Contains("pulling busybox:latest: the registry docker.io could not be reached (no such host)", failure.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pinging container registry 127.0.0.1:5103: invalid status code from registry 503 (Service Unavailable)", "answered 503 Service Unavailable")]
    [InlineData("failed to read from destination repository team/app: 500 (Internal Server Error)", "answered 500 Internal Server Error")]
    public void A_push_that_meets_a_5xx_is_unreachable_and_left_to_the_runners_retries(string cause, string answered)
    {
        var failure = Push("127.0.0.1:5103/team/app:1", 125, PushOf(
            $"Error: pushing image \"127.0.0.1:60407/base/busybox:latest\" to \"docker://127.0.0.1:5103/team/app:1\": trying to reuse blob {Blob} at destination: {cause}"));

        Assert.Equal("registry-unreachable", failure.Problem.Code);
        Assert.True(failure.RetryByRunner);
        Assert.Contains($"the registry 127.0.0.1:5103 {answered}:", failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"127.0.0.1:5103 {answered}: the registry itself is failing", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_that_meets_a_5xx_is_retried_by_the_runner_and_the_message_counts_the_runs()
    {
        var failure = Build(125,
        [
            "STEP 1/2: FROM 127.0.0.1:5105/base/busybox:latest",
            "Trying to pull 127.0.0.1:5105/base/busybox:latest...",
            "Error: creating build container: initializing source docker://127.0.0.1:5105/base/busybox:latest: reading manifest latest in 127.0.0.1:5105/base/busybox: received unexpected HTTP status: 500 Internal Server Error",
        ], runs: 4);

        Assert.Equal("registry-unreachable", failure.Problem.Code);
        Assert.True(failure.RetryByRunner);
        Assert.StartsWith("building the image from /workspace: pulling 127.0.0.1:5105/base/busybox:latest: the registry 127.0.0.1:5105 answered 500 Internal Server Error (4 attempts):",
            failure.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_tag_is_manifest_unknown_naming_the_image_with_a_fix_that_lists_the_tags()
    {
        var failure = Build(125,
        [
            "STEP 1/2: FROM 127.0.0.1:60407/base/busybox:nosuchtag",
            "Trying to pull 127.0.0.1:60407/base/busybox:nosuchtag...",
            "Error: creating build container: initializing source docker://127.0.0.1:60407/base/busybox:nosuchtag: reading manifest nosuchtag in 127.0.0.1:60407/base/busybox: manifest unknown: manifest unknown",
        ]);

        Assert.Equal(("manifest-unknown", 1), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.StartsWith("building the image from /workspace: pulling 127.0.0.1:60407/base/busybox:nosuchtag: the registry 127.0.0.1:60407 has no manifest for 127.0.0.1:60407/base/busybox:nosuchtag",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("skopeo list-tags docker://127.0.0.1:60407/base/busybox", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_image_missing_from_the_store_with_pull_policy_never_is_base_image_not_found()
    {
        var failure = Build(125, ["Error: creating build container: 127.0.0.1:5101/base/busybox:latest: image not known"], Settings(("pull-policy", "never")));

        Assert.Equal(("base-image-not-found", 1), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.StartsWith("building the image from /workspace: pulling 127.0.0.1:5101/base/busybox:latest: the base image cannot be found: it is not in the store and build-runner/pull-policy is never",
            failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("set build-runner/pull-policy to missing", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_name_that_resolves_nowhere_is_base_image_not_found_with_the_full_name_as_fix()
    {
        var failure = Build(125, ["STEP 1/2: FROM busyboxunqualified", "Error: creating build container: short-name \"busyboxunqualified\" did not resolve to an alias and no unqualified-search registries are defined in \"/etc/containers/registries.conf\""]);

        Assert.Equal("base-image-not-found", failure.Problem.Code);
        Assert.Contains("pulling busyboxunqualified: the base image cannot be found: a short name", failure.Problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("name the base image in full", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ADD_of_a_URL_that_is_refused_is_the_Containerfiles_failure_not_a_registrys()
    {
        var failure = Build(125,
        [
            "STEP 2/2: ADD http://127.0.0.1:5109/file.tar /file",
            "Error: building at STEP \"ADD http://127.0.0.1:5109/file.tar /file\": reading \"http://127.0.0.1:5109/file.tar\": Get \"http://127.0.0.1:5109/file.tar\": dial tcp 127.0.0.1:5109: connect: connection refused",
        ]);

        Assert.Equal(("build-failed", 1), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.Equal(
            "building the image from /workspace: buildah exited with 125:\nSTEP 2/2: ADD http://127.0.0.1:5109/file.tar /file\n"
            + "Error: building at STEP \"ADD http://127.0.0.1:5109/file.tar /file\": reading \"http://127.0.0.1:5109/file.tar\": Get \"http://127.0.0.1:5109/file.tar\": dial tcp 127.0.0.1:5109: connect: connection refused",
            failure.Problem.Message);
    }

    // The last three are made-up edge cases, not captured: an unknown error, no output at all, and reference shapes.
    [Fact]
    public void A_push_failure_of_no_known_kind_is_push_failed_naming_the_registry_and_repository()
    {
        var failure = Push("127.0.0.1:5000/team/app:1", 125, ["Error: pushing image \"x\" to \"docker://127.0.0.1:5000/team/app:1\": something new went wrong"]);

        Assert.Equal(("push-failed", 8), (failure.Problem.Code, failure.Problem.ExitCode));
        Assert.StartsWith("check that 127.0.0.1:5000 is reachable from the pod, that the credentials (--authfile, or the push secret) may push to team/app", failure.Problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_is_still_a_failure_with_words()
    {
        var failure = Build(137, []);

        Assert.Equal("build-failed", failure.Problem.Code);
        Assert.Equal("building the image from /workspace: buildah exited with 137:\n", failure.Problem.Message);
    }

    [Theory]
    [InlineData("docker.io/library/busybox:1.36", "docker.io", "library/busybox")]
    [InlineData("busybox", "docker.io", "library/busybox")]
    [InlineData("team/app:1", "docker.io", "team/app")]
    [InlineData("localhost/app", "localhost", "app")]
    [InlineData("registry.example:5000/a/b/c@sha256:0123", "registry.example:5000", "a/b/c")]
    public void Pushed_images_are_named_by_registry_and_repository_by_dockers_rules(string image, string host, string repository)
    {
        var failure = Push(image, 125, ["Error: something new"]);

        Assert.Contains($"check that {host} is reachable from the pod, that the credentials (--authfile, or the push secret) may push to {repository},", failure.Problem.Fix, StringComparison.Ordinal);
    }
}
