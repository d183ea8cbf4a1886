using System.IO.Abstractions.TestingHelpers;
using System.Text.Json;
using BuildRunner.Host;
using BuildRunner.Reporting;

namespace BuildRunner.Tests.Reporting;

public class ResultWriterTests
{
    private static readonly BuildResult Succeeded = new()
    {
        Status = "succeeded",
        Image = "registry:5000/app:v1",
        Images = ["registry:5000/app:v1", "registry:5000/app:latest"],
        Digest = "sha256:0123456789abcdef",
        ImageId = "sha256:fedcba",
        StorageDriver = "fuse-overlayfs",
        UserNamespace = UserNamespaceReport.Of(new UserNamespace(IdMap.Parse("0 100000 65536"), IdMap.Parse("0 100000 65536"))),
        DurationSeconds = 12.5,
    };

    private static readonly BuildResult Failed = new()
    {
        Status = "failed",
        DurationSeconds = 0.25,
        Error = new ProblemReport("user-namespace-missing", "environment", "no user namespace", "set hostUsers: false", ExitCodes.UserNamespaceRequired, true),
    };

    [Fact]
    public void The_JSON_uses_camel_case_field_names()
    {
        using var json = JsonDocument.Parse(ResultWriter.ToJson(Succeeded));
        var root = json.RootElement;

        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal("registry:5000/app:v1", root.GetProperty("image").GetString());
        Assert.Equal(["registry:5000/app:v1", "registry:5000/app:latest"], root.GetProperty("images").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sha256:0123456789abcdef", root.GetProperty("digest").GetString());
        Assert.Equal("sha256:fedcba", root.GetProperty("imageId").GetString());
        Assert.Equal("fuse-overlayfs", root.GetProperty("storageDriver").GetString());
        var ns = root.GetProperty("userNamespace");
        Assert.True(ns.GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal(100000, ns.GetProperty("hostUidOfRoot").GetInt64());
        Assert.Equal(65536, ns.GetProperty("size").GetInt64());
        Assert.Equal(12.5, root.GetProperty("durationSeconds").GetDouble());
    }

    [Fact]
    public void Absent_fields_are_left_out()
    {
        using var json = JsonDocument.Parse(ResultWriter.ToJson(Succeeded));
        var root = json.RootElement;

        Assert.False(root.TryGetProperty("error", out _));
        Assert.False(root.GetProperty("userNamespace").TryGetProperty("uidMap", out _));
        Assert.False(root.GetProperty("userNamespace").TryGetProperty("gidMap", out _));
    }

    [Fact]
    public void A_failure_has_its_error_code_message_fix_and_exit_code()
    {
        using var json = JsonDocument.Parse(ResultWriter.ToJson(Failed));
        var root = json.RootElement;

        Assert.Equal("failed", root.GetProperty("status").GetString());
        var error = root.GetProperty("error");
        Assert.Equal("user-namespace-missing", error.GetProperty("code").GetString());
        Assert.Equal("no user namespace", error.GetProperty("message").GetString());
        Assert.Equal("set hostUsers: false", error.GetProperty("fix").GetString());
        Assert.Equal(ExitCodes.UserNamespaceRequired, error.GetProperty("exitCode").GetInt32());
        foreach (var absent in new[] { "image", "digest", "imageId", "storageDriver", "userNamespace" })
        {
            Assert.False(root.TryGetProperty(absent, out _), absent);
        }
        Assert.Empty(root.GetProperty("images").EnumerateArray());
    }

    [Fact]
    public void The_user_namespace_report_of_the_node_namespace_has_root_at_zero_and_can_carry_the_maps()
    {
        var report = UserNamespaceReport.Of(new UserNamespace(IdMap.Identity, IdMap.Identity), withMaps: true);

        Assert.False(report.InUserNamespace);
        Assert.Equal(0, report.HostUidOfRoot);
        Assert.Equal(4294967295, report.Size);
        Assert.Equal([0, 0, 4294967295], Assert.Single(report.UidMap!));
        Assert.Equal([0, 0, 4294967295], Assert.Single(report.GidMap!));
    }

    [Fact]
    public void An_error_report_carries_the_failures_fields()
    {
        var report = ProblemReport.Of(FailureCatalog.StorageUnusable.Fails("nothing works", "use vfs"));

        Assert.Equal(new ProblemReport("storage-unusable", "environment", "nothing works", "use vfs", ExitCodes.StorageUnusable, true), report);
    }

    [Fact]
    public void The_result_file_is_written_with_its_folder_and_a_final_newline()
    {
        var fs = new MockFileSystem();

        new ResultWriter(fs).WriteResult("/tekton/results/build/result.json", Succeeded);

        var text = fs.File.ReadAllText("/tekton/results/build/result.json");
        Assert.Equal(ResultWriter.ToJson(Succeeded) + "\n", text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void A_result_file_is_replaced()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/out/result.json"] = new("old and much longer content than the new one will be, surely, by far" + new string('x', 4000)) });

        new ResultWriter(fs).WriteResult("/out/result.json", Failed);

        Assert.Equal(ResultWriter.ToJson(Failed) + "\n", fs.File.ReadAllText("/out/result.json"));
    }

    [Fact]
    public void A_result_file_that_cannot_be_written_is_a_runner_failure_naming_it()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/out/result.json"] = new("") { Attributes = FileAttributes.ReadOnly } });

        var error = Assert.Throws<RunnerException>(() => new ResultWriter(fs).WriteResult("/out/result.json", Succeeded));

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Equal("result-unwritable", error.Code);
        Assert.Contains("\"/out/result.json\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("--result", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_termination_message_is_not_written_to_a_missing_default_path()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/dev");

        var written = new ResultWriter(fs).TryWriteTerminationMessage("/dev/termination-log", Succeeded, createIfMissing: false);

        Assert.False(written);
        Assert.False(fs.File.Exists("/dev/termination-log"));
    }

    [Fact]
    public void The_termination_message_is_written_to_the_file_the_kubelet_created()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/dev/termination-log"] = new("") });

        var written = new ResultWriter(fs).TryWriteTerminationMessage("/dev/termination-log", Succeeded, createIfMissing: false);

        Assert.True(written);
        Assert.Equal("registry:5000/app@sha256:0123456789abcdef", fs.File.ReadAllText("/dev/termination-log"));
    }

    [Fact]
    public void A_path_given_by_hand_is_created_when_asked()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/tmp/out");

        var written = new ResultWriter(fs).TryWriteTerminationMessage("/tmp/out/termination", Failed, createIfMissing: true);

        Assert.True(written);
        Assert.Equal("no user namespace\nfix: set hostUsers: false", fs.File.ReadAllText("/tmp/out/termination"));
    }

    [Fact]
    public void The_termination_message_is_not_written_into_a_missing_folder_even_when_asked_to_create_it()
    {
        var fs = new MockFileSystem();

        var written = new ResultWriter(fs).TryWriteTerminationMessage("/nowhere/termination", Failed, createIfMissing: true);

        Assert.False(written);
        Assert.False(fs.Directory.Exists("/nowhere"));
    }

    [Fact]
    public void An_unwritable_termination_message_is_reported_as_not_written_without_failing()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData> { ["/dev/termination-log"] = new("") { Attributes = FileAttributes.ReadOnly } });

        var written = new ResultWriter(fs).TryWriteTerminationMessage("/dev/termination-log", Failed, createIfMissing: false);

        Assert.False(written);
    }

    [Fact]
    public void A_bare_file_name_is_written_in_the_working_directory_when_asked()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>(), currentDirectory: "/work");

        var written = new ResultWriter(fs).TryWriteTerminationMessage("termination", Failed, createIfMissing: true);

        Assert.True(written);
        Assert.True(fs.File.Exists("/work/termination"));
    }
}
