using BuildRunner.Host;
using BuildRunner.Planning;
using BuildRunner.Reporting;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

/// <summary>Where buildah keeps its blob-info cache, and the warning when pushes would re-upload the base.</summary>
public class BlobInfoCachePlanTests
{
    private static readonly BlobInfoCacheFacts ReadOnly = new(BlobInfoCacheFacts.SystemDirectory, "/var/lib/containers: Read-only file system");

    [Fact]
    public void Root_with_a_writable_var_lib_containers_keeps_the_cache_there_with_no_warning_and_no_variable()
    {
        var plan = Planner.Plan(Ready() with { BlobInfoCache = BlobInfoCacheFacts.Unknown });

        Assert.Equal(new BlobInfoCachePlan("/var/lib/containers/cache", null, true), plan.BlobInfoCache);
        Assert.Empty(plan.Problems);
        Assert.All(plan.Steps, s => Assert.False(s.Invocation.Environment.ContainsKey("XDG_DATA_HOME")));
        var requirement = Requirement(plan);
        Assert.True(requirement.Met);
        Assert.Contains("/var/lib/containers/cache", requirement.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_with_a_read_only_var_lib_containers_warns_that_pushes_re_upload_the_base_with_the_fix()
    {
        var plan = Planner.Plan(Ready() with { BlobInfoCache = ReadOnly });

        var problem = Assert.Single(plan.Problems);
        Assert.Equal("blob-info-cache-unwritable", problem.Code);
        Assert.False(problem.Blocking);
        Assert.Equal("degraded", plan.Verdict);
        Assert.Contains("Read-only file system", problem.Message, StringComparison.Ordinal);
        Assert.Contains("uploads the base image's layers again", problem.Message, StringComparison.Ordinal);
        Assert.Contains("mount the storage volume (an emptyDir) at /var/lib/containers", problem.Fix, StringComparison.Ordinal);
        var requirement = Requirement(plan);
        Assert.False(requirement.Met);
        Assert.StartsWith("works, but ", requirement.Detail, StringComparison.Ordinal);
        // The storage line stays about storage.
        Assert.True(DoctorReportBuilder.Build(plan).Requirements.Single(r => r.Name == "storage").Met);
    }

    [Fact]
    public void Without_push_an_unwritable_cache_is_no_problem()
    {
        var plan = Planner.Plan(Ready([("build-runner/push", "false")]) with { BlobInfoCache = ReadOnly });

        Assert.Empty(plan.Problems);
        Assert.Contains("does not push", Requirement(plan).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_root_pod_user_gets_XDG_DATA_HOME_in_the_storage_root_for_the_build_and_the_push()
    {
        var plan = Planner.Plan(PodFacts.Ready(uid: 1000, effective: CapabilitySet.None) with { BlobInfoCache = ReadOnly, Storage = Overlay });

        Assert.Equal(IdentityMode.NonRootUser, plan.Privileges.Mode);
        Assert.Equal(new BlobInfoCachePlan("/var/lib/containers/storage/data-home/containers/cache", "/var/lib/containers/storage/data-home", true), plan.BlobInfoCache);
        Assert.DoesNotContain(plan.Problems, p => p.Code == "blob-info-cache-unwritable");
        Assert.Equal(2, plan.Steps.Length);
        Assert.All(plan.Steps, s => Assert.Equal("/var/lib/containers/storage/data-home", s.Invocation.Environment["XDG_DATA_HOME"]));
    }

    private static StorageFacts Overlay { get; } =
        new(null, new StorageSelection(StorageDriver.Overlay, [new StorageCandidate(StorageDriver.Overlay, true, "wrote a layer")], "auto picked overlay"));

    private static Facts Ready((string Key, string Value)[]? settings = null) => PodFacts.Ready(settings) with { Storage = Overlay };

    private static RequirementReport Requirement(BuildPlan plan) => DoctorReportBuilder.Build(plan).Requirements.Single(r => r.Name == "push cache");
}
