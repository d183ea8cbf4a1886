namespace BuildRunner.Tests.Deploy;

/// <summary>
/// Every manifest under deploy/ agrees with the runner's code, and a manifest that does not is named with what is wrong.
/// Plain file reads and the Kubernetes client's model types: no cluster, no engine.
/// </summary>
public sealed class ManifestAgreementTests
{
    private static readonly string Deploy = Path.Combine(Checkout.Root, "deploy");

    [Fact]
    public void Every_manifest_under_deploy_agrees_with_the_code()
    {
        var documents = Manifests.LoadAll(Deploy);
        var problems = ManifestAgreement.Check(documents);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("kubernetes/job.yaml", "Job", "build-app")]
    [InlineData("kubernetes/build-pod.yaml", "Pod", "build-app")]
    [InlineData("kubernetes/build-pod-rootless.yaml", "Pod", "build-app-rootless")]
    [InlineData("tekton/task.yaml", "Task", "build-runner")]
    [InlineData("shipwright/clusterbuildstrategy.yaml", "ClusterBuildStrategy", "build-runner")]
    public void Each_platform_file_holds_a_build_runner_step_the_checks_reach(string file, string kind, string name)
    {
        var document = Assert.Single(Manifests.LoadAll(Deploy), d => d.File == file);

        Assert.Equal((kind, name), (document.Kind, document.Name));
        Assert.Single(BuildStep.Of(document));
    }

    [Fact]
    public void The_core_objects_read_as_the_clients_model_types()
    {
        var core = Manifests.LoadAll(Deploy).Where(d => Manifests.CoreType(d) is not null).ToList();

        Assert.Contains(core, d => d.Kind == "Job");
        Assert.Contains(core, d => d.Kind == "Pod");
        Assert.Contains(core, d => d.Kind == "ConfigMap");
        Assert.All(core, d => Manifests.As(Manifests.CoreType(d)!, d.Tree));
    }

    public static TheoryData<string, string, string, string> WrongJobs => new()
    {
        // A field the Job type does not have: strict reading names it.
        { "            readOnlyRootFilesystem: true\n", "            readOnlyRootFilesytem: true\n", "does not read as the client's V1Job", "readOnlyRootFilesytem" },
        { "add: [SETUID, SETGID, SETFCAP, SYS_CHROOT]", "add: [SETUID, SETGID, SETFCAP, SYS_CHROOT, SYS_ADMIN]", "containers[build]: securityContext.capabilities.add has SYS_ADMIN", "does not need" },
        { "add: [SETUID, SETGID, SETFCAP, SYS_CHROOT]", "add: [SETUID, SETGID, SYS_CHROOT]", "capabilities.add lacks SETFCAP", "requires" },
        { "localhostProfile: build-runner.json\n          # The runner", "localhostProfile: buildrunner.json\n          # The runner", "the seccomp profile is Localhost buildrunner.json", "build-runner.json" },
        { "build-runner/output-image:", "build-runner/output-imag:", "the annotation build-runner/output-imag is no setting", "Job build-app" },
        { "            - --authfile\n", "            - --auth-file\n", "--auth-file is no flag of build-runner build", "containers[build]" },
        { "          mountPath: /etc/podinfo\n", "          mountPath: /etc/pod-info\n", "the annotations (a downwardAPI item of metadata.annotations) is mounted at /etc/pod-info/annotations", "/etc/podinfo/annotations" },
        { "      hostUsers: false\n", "      hostUsers: true\n", "hostUsers must be false", "Job build-app" },
        { "            allowPrivilegeEscalation: false\n            # Measured", "            allowPrivilegeEscalation: true\n            # Measured", "allowPrivilegeEscalation must be false", "root of the user namespace" },
        { "              mountPath: /var/lib/containers\n", "              mountPath: /var/lib/images\n", "no emptyDir is mounted above the storage root /var/lib/containers/storage", "containers[build]" },
    };

    [Theory]
    [MemberData(nameof(WrongJobs))]
    public void A_Job_that_disagrees_with_the_code_is_named_with_the_disagreement(string shipped, string wrong, string expected, string alsoNamed)
    {
        var problems = CheckChanged("kubernetes/job.yaml", shipped, wrong);

        var problem = Assert.Single(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith("kubernetes/job.yaml: Job build-app", problem, StringComparison.Ordinal);
        Assert.Contains(alsoNamed, problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> WrongPlatformObjects => new()
    {
        { "tekton/task.yaml", "--digest-file \"$(results.IMAGE_DIGEST.path)\"", "--image-ref-file \"$(results.IMAGE_DIGEST.path)\"",
            "the result IMAGE_DIGEST is not written by --digest-file \"$(results.IMAGE_DIGEST.path)\"" },
        { "tekton/task.yaml", "    - name: IMAGE_URL\n", "    - name: IMAGE_LINK\n", "no runner setting writes the result IMAGE_LINK" },
        { "tekton/task.yaml", "cp \"$(results.IMAGE_URL.path)\"", "cp \"$(results.IMAGE_DIGEST.path)\"",
            "the result IMAGE_REF is not written by --image-ref-file \"$(results.IMAGE_REF.path)\"" },
        { "tekton/task.yaml", "value: $(params.STORAGE_DRIVER)", "value: $(params.STORAGE)", "$(params.STORAGE) names a param the Tekton object does not declare" },
        { "tekton/task.yaml", "- $(params.BUILD_ARGS[*])", "- $(params.BUILD_ARGS)", "$(params.BUILD_ARGS) uses the array param BUILD_ARGS as a string" },
        { "tekton/task.yaml", "    io.kubernetes.cri-o.userns-mode: \"auto:size=65536\"\n", "", "cannot set hostUsers; its metadata.annotations must carry io.kubernetes.cri-o.userns-mode" },
        { "tekton/task.yaml", "--pull-policy \"$PARAM_PULL_POLICY\"", "--pull \"$PARAM_PULL_POLICY\"", "--pull is no flag of build-runner build" },
        { "shipwright/clusterbuildstrategy.yaml", "--image-size-file \"$(results.shp-image-size.path)\"", "--digest-file \"$(results.shp-image-size.path)\"",
            "the result shp-image-size is not written by --image-size-file \"$(results.shp-image-size.path)\"" },
        { "shipwright/clusterbuildstrategy.yaml", "add: [SETUID, SETGID, SETFCAP, SYS_CHROOT]", "add: [SETFCAP]", "capabilities.add lacks SETUID" },
        { "shipwright/clusterbuildstrategy.yaml", "        - --build-arg\n", "        - --build-args\n", "--build-args is no flag of build-runner build" },
        { "cluster-config.yaml", "build-runner/require-user-namespace=", "build-runner/require-userns=", "data.overrides sets build-runner/require-userns, which is no setting" },
    };

    [Theory]
    [MemberData(nameof(WrongPlatformObjects))]
    public void A_platform_object_that_disagrees_with_the_code_is_named_with_the_disagreement(string file, string shipped, string wrong, string expected)
    {
        var problems = CheckChanged(file, shipped, wrong);

        var problem = Assert.Single(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith(file + ": ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_objects_build_runner_annotation_that_is_no_setting_is_named()
    {
        const string BuildConfig = """
            apiVersion: build.openshift.io/v1
            kind: BuildConfig
            metadata:
              name: app
              annotations:
                build-runner/storage-driver: vfs
                build-runner/storage-drvier: vfs
            spec: {}
            """;

        var problems = ManifestAgreement.Check(Manifests.Load("openshift/buildconfig.yaml", BuildConfig));

        Assert.Equal(["openshift/buildconfig.yaml: BuildConfig app: the annotation build-runner/storage-drvier is no setting of the runner"], problems);
    }

    /// <summary>The disagreements of a shipped file with one passage changed (the passage must be there).</summary>
    private static IReadOnlyList<string> CheckChanged(string file, string shipped, string wrong)
    {
        var text = File.ReadAllText(Path.Combine(Deploy, file));
        Assert.Contains(shipped, text, StringComparison.Ordinal);
        var changed = text.Replace(shipped, wrong, StringComparison.Ordinal);
        var before = ManifestAgreement.Check(Manifests.Load(file, text));
        Assert.True(before.Count == 0, string.Join("\n", before));
        return ManifestAgreement.Check(Manifests.Load(file, changed));
    }
}
