using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using BuildRunner.Settings;
using NSubstitute;

namespace BuildRunner.Tests.Settings;

public class AnnotationsFileTests
{
    private const string Path = "/etc/podinfo/annotations";

    [Fact]
    public void Parses_a_file_as_the_kubelet_writes_it()
    {
        var text = "build-runner/context=\"git://example.com/app.git\"\n"
            + "build-runner/platforms=\"linux/amd64,linux/arm64\"\n"
            + "kubernetes.io/config.seen=\"2026-11-27T01:00:00.123456789Z\"";

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.Equal(3, annotations.Count);
        Assert.Equal("git://example.com/app.git", annotations["build-runner/context"]);
        Assert.Equal("linux/amd64,linux/arm64", annotations["build-runner/platforms"]);
        Assert.Equal("2026-11-27T01:00:00.123456789Z", annotations["kubernetes.io/config.seen"]);
    }

    [Fact]
    public void Parses_a_value_with_every_escape_form()
    {
        var text = "k=\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"|\\x41\\xe4\\xb8\\x96\\xff|\\u00e9\\u200b|\\U0001f680|\\101\\344\\270\\226|héllo 世界 🚀\"";

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.Equal("\a\b\f\n\r\t\v\\\"|A世\uFFFD|é\u200b|🚀|A世|héllo 世界 🚀", annotations["k"]);
    }

    [Fact]
    public void Parses_an_empty_value()
    {
        var annotations = AnnotationsFile.Parse("a=\"\"\nb=\"x\"", Path);

        Assert.Equal(string.Empty, annotations["a"]);
        Assert.Equal("x", annotations["b"]);
    }

    [Fact]
    public void Parses_values_containing_equals_signs_and_quotes()
    {
        var annotations = AnnotationsFile.Parse("k=\"a=b==c \\\"quoted\\\" 'single'\"", Path);

        Assert.Equal("a=b==c \"quoted\" 'single'", annotations["k"]);
    }

    [Fact]
    public void Parses_a_multi_line_JSON_value()
    {
        const string json = "{\n  \"a\": \"b=c\"\n}";
        var text = "build-runner/args=" + GoQuotedString.Quote(json) + "\nz=\"1\"";

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.Equal("build-runner/args=\"{\\n  \\\"a\\\": \\\"b=c\\\"\\n}\"\nz=\"1\"", text);
        Assert.Equal(json, annotations["build-runner/args"]);
        Assert.Equal("1", annotations["z"]);
    }

    [Fact]
    public void Accepts_a_trailing_newline_blank_lines_CRLF_comments_and_any_key_order()
    {
        var text = "# defaults for the team\r\n\r\nzeta=\"last\"\r\n   \n  # indented comment\nalpha=\"first\"\r\n\n";

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.Equal(2, annotations.Count);
        Assert.Equal("first", annotations["alpha"]);
        Assert.Equal("last", annotations["zeta"]);
    }

    [Fact]
    public void Ignores_a_leading_byte_order_mark()
    {
        var annotations = AnnotationsFile.Parse("\uFEFFk=\"v\"", Path);

        Assert.Equal("v", annotations["k"]);
    }

    [Fact]
    public void Parses_an_empty_file_as_no_annotations()
    {
        Assert.Empty(AnnotationsFile.Parse(string.Empty, Path));
        Assert.Empty(AnnotationsFile.Parse("\n\n# nothing\n", Path));
    }

    [Fact]
    public void Compares_keys_ordinally_and_returns_a_read_only_map()
    {
        var annotations = AnnotationsFile.Parse("Key=\"upper\"\nkey=\"lower\"", Path);

        Assert.Equal("upper", annotations["Key"]);
        Assert.Equal("lower", annotations["key"]);
        Assert.False(annotations.ContainsKey("KEY"));
        var asDictionary = Assert.IsAssignableFrom<IDictionary<string, string>>(annotations);
        Assert.True(asDictionary.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => asDictionary["x"] = "y");
    }

    [Fact]
    public void Parses_256_KiB_of_annotations_in_many_keys()
    {
        var random = new Random(256);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; total < 256 * 1024; i++)
        {
            var key = $"example.com/key-{i:D5}";
            var value = GoQuotedStringTests.RandomString(random, 120, allowLoneSurrogates: false);
            expected[key] = value;
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }
        var text = AnnotationsFile.Format(expected);

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.Equal(expected, annotations);
    }

    [Fact]
    public void Parses_one_256_KiB_value_that_quotes_to_four_times_its_size()
    {
        // Control bytes quote to \xNN, the worst case the file size limit allows for.
        var huge = new string('\u0001', 256 * 1024 - 100);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build-runner/huge"] = huge,
            ["build-runner/small"] = "x",
        };
        var text = AnnotationsFile.Format(expected);

        var annotations = AnnotationsFile.Parse(text, Path);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= AnnotationsFile.MaxFileBytes);
        Assert.True(text.Length > 4 * huge.Length);
        Assert.Equal(huge, annotations["build-runner/huge"]);
        Assert.Equal("x", annotations["build-runner/small"]);
    }

    [Fact]
    public void Formats_as_the_kubelet_does_with_sorted_keys_and_no_trailing_newline()
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["b"] = "two\nlines",
            ["a"] = "héllo \u200b",
            ["B"] = string.Empty,
        };

        Assert.Equal("B=\"\"\na=\"héllo \\u200b\"\nb=\"two\\nlines\"", AnnotationsFile.Format(annotations));
        Assert.Equal(string.Empty, AnnotationsFile.Format(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has\"quote")]
    [InlineData("has=equals")]
    [InlineData("#comment")]
    public void Refuses_to_format_a_key_that_could_not_be_read_back(string key)
    {
        var annotations = new Dictionary<string, string> { [key] = "v" };

        Assert.Throws<ArgumentException>(() => AnnotationsFile.Format(annotations));
    }

    [Fact]
    public void Format_then_Parse_gives_the_same_map()
    {
        var random = new Random(42);
        for (var n = 0; n < 500; n++)
        {
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            var count = random.Next(0, 8);
            for (var i = 0; i < count; i++)
            {
                annotations[$"k{random.Next(1000)}.example/{i}"] = GoQuotedStringTests.RandomString(random, random.Next(0, 30), allowLoneSurrogates: false);
            }

            Assert.Equal(annotations, AnnotationsFile.Parse(AnnotationsFile.Format(annotations), Path));
        }
    }

    [Fact]
    public void Rejects_a_line_with_no_equals_sign()
    {
        var e = AssertMalformed("a=\"1\"\njust-a-key\n");

        Assert.Equal($"reading annotations file \"{Path}\": line 2: expected key=\"value\" but found no \"=\"", e.Message);
    }

    [Fact]
    public void Rejects_an_empty_key()
    {
        var e = AssertMalformed("a=\"1\"\n\n=\"value\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 3: the key before \"=\" is empty", e.Message);
    }

    [Fact]
    public void Rejects_a_key_containing_whitespace()
    {
        var e = AssertMalformed("build-runner/foo =\"value\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 1: key \"build-runner/foo \" contains whitespace", e.Message);
    }

    [Fact]
    public void Rejects_a_key_containing_a_double_quote()
    {
        var e = AssertMalformed("a=\"1\"\n\"k\"=\"value\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 2: key \"\\\"k\\\"\" contains a double quote", e.Message);
    }

    [Fact]
    public void Rejects_a_value_not_starting_with_a_double_quote()
    {
        var e = AssertMalformed("build-runner/foo=bar");

        Assert.Equal($"reading annotations file \"{Path}\": line 1: value of \"build-runner/foo\" does not start with a double quote at column 18", e.Message);
    }

    [Fact]
    public void Rejects_an_unterminated_quote()
    {
        var e = AssertMalformed("a=\"1\"\nbuild-runner/foo=\"bar\r\nc=\"3\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 2: value of \"build-runner/foo\" has no closing quote at column 22", e.Message);
    }

    [Fact]
    public void Rejects_characters_after_the_closing_quote()
    {
        var e = AssertMalformed("build-runner/foo=\"bar\" # trailing comment");

        Assert.Equal($"reading annotations file \"{Path}\": line 1: value of \"build-runner/foo\" has characters after the closing quote at column 23", e.Message);
    }

    [Fact]
    public void Rejects_an_unknown_escape()
    {
        var e = AssertMalformed("a=\"1\"\nb=\"2\"\nbuild-runner/foo=\"abcd\\q\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 3: value of \"build-runner/foo\" has an unknown escape \\q at column 23", e.Message);
    }

    [Fact]
    public void Rejects_a_surrogate_half_escape()
    {
        var e = AssertMalformed("k=\"\\ud800\"");

        Assert.StartsWith($"reading annotations file \"{Path}\": line 1: value of \"k\" has an escape \\ud800 for a surrogate half", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_duplicate_key()
    {
        var e = AssertMalformed("a=\"1\"\nb=\"2\"\na=\"3\"");

        Assert.Equal($"reading annotations file \"{Path}\": line 3: key \"a\" appears again (first on line 1)", e.Message);
    }

    [Fact]
    public void Shortens_a_very_long_key_in_messages()
    {
        var e = AssertMalformed(new string('k', 10_000) + " =\"v\"");

        Assert.Contains("key \"" + new string('k', 100) + "\"... contains whitespace", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('k', 101), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tells_how_to_fix_a_malformed_line()
    {
        var e = AssertMalformed("k=v");

        Assert.Equal("write each line as key=\"value\" with the value quoted as Go's %q does (the kubelet's downward API format)", e.Fix);
    }

    [Fact]
    public void Reads_a_file_through_the_file_system()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile(Path, new MockFileData(Encoding.UTF8.GetBytes("a=\"héllo\"\nb=\"\\xe4\\xb8\\x96\"")));

        var annotations = AnnotationsFile.TryRead(fileSystem, Path);

        Assert.NotNull(annotations);
        Assert.Equal("héllo", annotations["a"]);
        Assert.Equal("世", annotations["b"]);
    }

    [Fact]
    public void Decodes_invalid_UTF_8_in_a_file_as_replacement_characters()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile(Path, new MockFileData([(byte)'k', (byte)'=', (byte)'"', 0xFF, (byte)'"']));

        var annotations = AnnotationsFile.TryRead(fileSystem, Path);

        Assert.Equal("\uFFFD", annotations!["k"]);
    }

    [Fact]
    public void Returns_null_when_the_file_or_its_directory_is_missing()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddDirectory("/etc/podinfo");

        Assert.Null(AnnotationsFile.TryRead(fileSystem, Path));
        Assert.Null(AnnotationsFile.TryRead(fileSystem, "/nowhere/annotations"));
        Assert.Null(AnnotationsFile.TryReadSingleValue(fileSystem, Path));
    }

    [Fact]
    public void Names_the_file_in_messages()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/etc/build/overrides", new MockFileData("k=v"));

        var e = Assert.Throws<RunnerException>(() => AnnotationsFile.TryRead(fileSystem, "/etc/build/overrides"));

        Assert.StartsWith("reading annotations file \"/etc/build/overrides\": line 1: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_file_over_the_size_limit()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile(Path, new MockFileData(new byte[AnnotationsFile.MaxFileBytes + 1]));

        var e = Assert.Throws<RunnerException>(() => AnnotationsFile.TryRead(fileSystem, Path));

        Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        Assert.Equal("malformed-annotations", e.Code);
        Assert.Contains($"\"{Path}\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1048576 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_file_at_the_size_limit()
    {
        var text = "k=\"" + new string('v', AnnotationsFile.MaxFileBytes - 4) + "\"";
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile(Path, new MockFileData(Encoding.UTF8.GetBytes(text)));

        var annotations = AnnotationsFile.TryRead(fileSystem, Path);

        Assert.Equal(AnnotationsFile.MaxFileBytes - 4, annotations!["k"].Length);
    }

    [Fact]
    public void Turns_a_permission_error_into_a_runner_error_naming_the_path_and_reason()
    {
        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.File.OpenRead(Path).Returns(_ => throw new UnauthorizedAccessException("Access to the path is denied."));

        var e = Assert.Throws<RunnerException>(() => AnnotationsFile.TryRead(fileSystem, Path));

        Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        Assert.Equal("unreadable-annotations", e.Code);
        Assert.Equal($"reading annotations file \"{Path}\": Access to the path is denied.", e.Message);
        Assert.IsType<UnauthorizedAccessException>(e.InnerException);
    }

    [Fact]
    public void Reads_a_single_key_projection_file_exactly()
    {
        const string value = "  {\n  \"a\": \"b=c\"\n}\n\n";
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/etc/podinfo/build-args", new MockFileData(Encoding.UTF8.GetBytes(value)));

        Assert.Equal(value, AnnotationsFile.TryReadSingleValue(fileSystem, "/etc/podinfo/build-args"));
    }

    [Fact]
    public void Reads_through_the_kubelet_symlink_layout_on_a_real_file_system()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "build-runner-annotations-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = System.IO.Path.Combine(root, "..2026_11_27_01_00_00.123");
            Directory.CreateDirectory(first);
            File.WriteAllBytes(System.IO.Path.Combine(first, "annotations"), Encoding.UTF8.GetBytes("a=\"1\"\nb=\"two\\nlines\""));
            Directory.CreateSymbolicLink(System.IO.Path.Combine(root, "..data"), "..2026_11_27_01_00_00.123");
            File.CreateSymbolicLink(System.IO.Path.Combine(root, "annotations"), "..data/annotations");
            var fileSystem = new FileSystem();

            var annotations = AnnotationsFile.TryRead(fileSystem, System.IO.Path.Combine(root, "annotations"));

            Assert.NotNull(annotations);
            Assert.Equal("1", annotations["a"]);
            Assert.Equal("two\nlines", annotations["b"]);
            Assert.Null(AnnotationsFile.TryRead(fileSystem, System.IO.Path.Combine(root, "missing")));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static RunnerException AssertMalformed(string text)
    {
        var e = Assert.Throws<RunnerException>(() => AnnotationsFile.Parse(text, Path));
        Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        Assert.Equal("malformed-annotations", e.Code);
        return e;
    }
}
