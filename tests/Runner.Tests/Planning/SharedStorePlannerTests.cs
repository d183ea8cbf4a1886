using BuildRunner.Planning;
using BuildRunner.Reporting;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

public class SharedStorePlannerTests
{
    private static readonly SharedStoreFacts Mapped = new("/stores/base", true, null, 0, 65534, ["registry.example/base/debian:12"], []);

    private static StorageFacts Usable(StorageDriver driver) =>
        new(null, new StorageSelection(driver, [new StorageCandidate(driver, true, "wrote a layer")], $"auto picked {driver.ToName()}"));

    private static BuildPlan PlanWith(params SharedStoreFacts[] stores) =>
        Planner.Plan(PodFacts.Ready([("build-runner/image-stores", string.Join("\n", stores.Select(s => s.Path)))])
            with { SharedStores = [.. stores], Storage = Usable(StorageDriver.Overlay) });

    [Fact]
    public void A_readable_mapped_store_with_images_for_the_driver_goes_to_storage_conf_and_to_every_buildah_run()
    {
        var plan = PlanWith(Mapped);

        Assert.Equal(["/stores/base"], plan.Storage!.ImageStores.AsEnumerable());
        Assert.Contains("additionalimagestores = [\"/stores/base\"]\n", plan.Storage.Render(), StringComparison.Ordinal);
        Assert.All(plan.Steps, s => Assert.Contains("overlay.imagestore=/stores/base", s.Invocation.Arguments));
        Assert.Equal("ready", plan.Verdict);
        Assert.Empty(plan.Problems);
    }

    public static TheoryData<string, string, string> UnusedCases => new()
    {
        // shape, the reason starts, the fix contains
        { "missing", "the folder does not exist", "mount the store there read-only" },
        { "unmapped", "its files are owned by IDs this pod's user namespace does not map (they show as the overflow ID 65534)", "mount the volume ID-mapped" },
        { "unreadable", "it cannot be read: Permission denied", "readable by the pod's root" },
        { "vfs only", "it holds 1 image(s) for the vfs driver and none for overlay", "prefetch --storage-root /stores/base --storage-driver overlay" },
        { "empty", "it holds no images", "build-runner prefetch" },
    };

    [Theory]
    [MemberData(nameof(UnusedCases))]
    public void A_store_that_cannot_serve_the_build_is_left_out_with_a_warning_and_the_build_pulls(string shape, string reason, string fix)
    {
        var store = shape switch
        {
            "missing" => Mapped with { Exists = false, Error = "the folder does not exist", Owner = null, OverlayImages = [] },
            "unmapped" => Mapped with { Owner = 65534, Error = "Permission denied", OverlayImages = [] },
            "unreadable" => Mapped with { Error = "Permission denied", OverlayImages = [] },
            "vfs only" => Mapped with { OverlayImages = [], VfsImages = ["registry.example/base/debian:12"] },
            _ => Mapped with { OverlayImages = [] },
        };

        var plan = PlanWith(store);

        Assert.Empty(plan.Storage!.ImageStores);
        Assert.DoesNotContain(plan.Steps[0].Invocation.Arguments, a => a.Contains("imagestore", StringComparison.Ordinal));
        var verdict = Assert.Single(plan.SharedStores);
        Assert.False(verdict.Used);
        Assert.StartsWith(reason, verdict.Reason, StringComparison.Ordinal);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("image-store-unusable", problem.Kind.Code);
        Assert.False(problem.Blocking);
        Assert.Contains("/stores/base", problem.Message, StringComparison.Ordinal);
        Assert.Contains(fix, problem.Fix, StringComparison.Ordinal);
        Assert.Equal("degraded", plan.Verdict);
    }

    [Fact]
    public void Doctor_JSON_has_one_record_per_store_with_readability_images_owners_and_the_verdict()
    {
        var plan = PlanWith(Mapped, Mapped with { Path = "/stores/other", Owner = 65534, Error = "Permission denied", OverlayImages = [] });

        var report = DoctorReportBuilder.Build(plan);
        var json = System.Text.Json.JsonDocument.Parse(DoctorReportBuilder.ToJson(report)).RootElement.GetProperty("imageStores");
        var text = DoctorReportBuilder.ToText(report);

        Assert.Equal(2, json.GetArrayLength());
        var used = json[0];
        Assert.Equal("/stores/base", used.GetProperty("path").GetString());
        Assert.True(used.GetProperty("readable").GetBoolean());
        Assert.True(used.GetProperty("ownersMapped").GetBoolean());
        Assert.True(used.GetProperty("used").GetBoolean());
        Assert.Equal("registry.example/base/debian:12", used.GetProperty("images").GetProperty("overlay")[0].GetString());
        var unmapped = json[1];
        Assert.False(unmapped.GetProperty("readable").GetBoolean());
        Assert.False(unmapped.GetProperty("ownersMapped").GetBoolean());
        Assert.Equal(65534, unmapped.GetProperty("owner").GetInt64());
        Assert.False(unmapped.GetProperty("used").GetBoolean());
        Assert.Contains("ID-mapped", unmapped.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("image store:      /stores/other: NOT used, not readable, owners NOT mapped", text, StringComparison.Ordinal);
        Assert.Equal(["/stores/base"], report.Plan.Storage!.AdditionalImageStores);
    }

    [Fact]
    public void Before_the_driver_is_known_doctor_shows_what_it_found_undecided()
    {
        var plan = Planner.Plan(PodFacts.Ready() with { SharedStores = [Mapped] });

        var store = Assert.Single(ImageStoreReport.Of(plan));

        Assert.Null(store.Used);
        Assert.Empty(plan.SharedStores);
    }
}
