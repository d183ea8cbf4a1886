using System.IO.Abstractions.TestingHelpers;
using System.Text;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

/// <summary>
/// Deterministic fuzzing: every input either parses or fails with a <see cref="RunnerException"/>, never anything else.
/// </summary>
public class AnnotationsFileFuzzTests
{
    // Bytes and characters that steer the parser into its edge cases.
    private const string Interesting = "\"\\=\n\r#xuU0123789abfABF \t'";

    [Fact]
    public void Random_bytes_decoded_as_UTF_8_parse_or_fail_with_a_runner_error()
    {
        var random = new Random(1);
        for (var n = 0; n < 5000; n++)
        {
            AssertParsesOrFailsCleanly(Encoding.UTF8.GetString(RandomBytes(random)), n);
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_Latin_1_parse_or_fail_with_a_runner_error()
    {
        var random = new Random(2);
        for (var n = 0; n < 5000; n++)
        {
            AssertParsesOrFailsCleanly(Encoding.Latin1.GetString(RandomBytes(random)), n);
        }
    }

    [Fact]
    public void Random_bytes_read_from_a_file_parse_or_fail_with_a_runner_error()
    {
        var random = new Random(3);
        for (var n = 0; n < 1000; n++)
        {
            var fileSystem = new MockFileSystem();
            fileSystem.AddFile("/a", new MockFileData(RandomBytes(random)));
            try
            {
                AnnotationsFile.TryRead(fileSystem, "/a");
            }
            catch (RunnerException e)
            {
                Assert.Equal("malformed-annotations", e.Code);
            }
        }
    }

    [Fact]
    public void Mutated_kubelet_files_parse_or_fail_with_a_runner_error()
    {
        var random = new Random(4);
        for (var n = 0; n < 10_000; n++)
        {
            var annotations = RandomAnnotations(random);
            var text = AnnotationsFile.Format(annotations);
            Assert.Equal(annotations, AnnotationsFile.Parse(text, "fuzz"));

            var mutated = Mutate(random, text);
            var parsed = AssertParsesOrFailsCleanly(mutated, n);
            if (parsed is not null)
            {
                // Whatever parses can be written back and read again unchanged.
                Assert.Equal(parsed, AnnotationsFile.Parse(AnnotationsFile.Format(parsed), "fuzz"));
            }
        }
    }

    private static IReadOnlyDictionary<string, string>? AssertParsesOrFailsCleanly(string text, int n)
    {
        try
        {
            return AnnotationsFile.Parse(text, "fuzz");
        }
        catch (RunnerException e)
        {
            Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
            Assert.Equal("malformed-annotations", e.Code);
            Assert.StartsWith("reading annotations file \"fuzz\": line ", e.Message, StringComparison.Ordinal);
            return null;
        }
#pragma warning disable CA1031 // The point is to catch everything else, to report the input that caused it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Assert.Fail($"case {n}: {e.GetType().Name} for input {GoQuotedString.Quote(text)}: {e}");
            return null;
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 120)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(3) switch
            {
                0 => (byte)Interesting[random.Next(Interesting.Length)],
                1 => (byte)random.Next(0x20, 0x7f),
                _ => (byte)random.Next(256),
            };
        }
        return bytes;
    }

    private static Dictionary<string, string> RandomAnnotations(Random random)
    {
        const string keyCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-._/";
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var key = new StringBuilder();
            key.Append((char)('a' + random.Next(26)));
            for (var j = random.Next(0, 12); j > 0; j--)
            {
                key.Append(keyCharacters[random.Next(keyCharacters.Length)]);
            }
            annotations[key.ToString()] = GoQuotedStringTests.RandomString(random, random.Next(0, 24), allowLoneSurrogates: false);
        }
        return annotations;
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var at = random.Next(builder.Length + 1);
            var c = random.Next(4) == 0 ? (char)random.Next(0x20, 0x7f) : Interesting[random.Next(Interesting.Length)];
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, c);
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, 1);
                    break;
                case 2 when at < builder.Length:
                    builder[at] = c;
                    break;
                case 3 when at < builder.Length:
                    builder.Insert(at, builder[at]);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
