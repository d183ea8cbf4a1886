using System.Text;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class GoQuotedStringTests
{
    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\"")]
    [InlineData("\"\\x00\\x1f\\x7f\\x41\\x4A\\x4a\"", "\0\u001f\u007fAJJ")]
    [InlineData("\"\\u00e9\\u00E9\\u4e16\\u00ad\\u200b\\u2028\\ufeff\"", "éé世\u00ad\u200b\u2028\ufeff")]
    [InlineData("\"\\U0001f680\\U0001F680\\U0010ffff\\U00000041\"", "🚀🚀\U0010ffffA")]
    [InlineData("\"\\101\\060\\000\\177\"", "A0\0\u007f")]
    [InlineData("\"'\"", "'")]
    [InlineData("\"key=value\"", "key=value")]
    [InlineData("\"a\tb\u0001c\rd\"", "a\tb\u0001c\rd")]
    public void Unquotes_every_escape_form(string quoted, string expected)
    {
        Assert.True(GoQuotedString.TryUnquote(quoted, out var value, out var error, out var column), error);
        Assert.Equal(expected, value);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, column);
    }

    [Theory]
    [InlineData("\"\\xe4\\xb8\\x96\"", "世")]
    [InlineData("\"\\344\\270\\226\"", "世")]
    [InlineData("\"\\xf0\\x9f\\x9a\\x80\"", "🚀")]
    [InlineData("\"\\xe4\\270\\x96\"", "世")]
    [InlineData("\"a\\xe4\\xb8\\x96b\"", "a世b")]
    public void Assembles_escaped_bytes_that_form_valid_UTF_8_into_characters(string quoted, string expected)
    {
        Assert.True(GoQuotedString.TryUnquote(quoted, out var value, out var error, out _), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"\\xff\"", "\uFFFD")]
    [InlineData("\"\\377\"", "\uFFFD")]
    [InlineData("\"a\\x80b\"", "a\uFFFDb")]
    [InlineData("\"\\xe4\\xb8界\"", "\uFFFD界")]
    [InlineData("\"é\\xa9\"", "é\uFFFD")]
    [InlineData("\"\\xed\\xa0\\x80\"", "\uFFFD\uFFFD\uFFFD")]
    public void Decodes_escaped_bytes_that_are_invalid_UTF_8_as_replacement_characters(string quoted, string expected)
    {
        Assert.True(GoQuotedString.TryUnquote(quoted, out var value, out var error, out _), error);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Keeps_printable_Unicode_written_literally()
    {
        Assert.True(GoQuotedString.TryUnquote("\"héllo 世界 🚀\"", out var value, out _, out _));
        Assert.Equal("héllo 世界 🚀", value);
    }

    [Fact]
    public void Decodes_a_lone_surrogate_in_the_text_as_a_replacement_character()
    {
        Assert.True(GoQuotedString.TryUnquote("\"a\uD800b\"", out var plain, out _, out _));
        Assert.True(GoQuotedString.TryUnquote("\"\\x41\uDC00\"", out var escaped, out _, out _));
        Assert.Equal("a\uFFFDb", plain);
        Assert.Equal("A\uFFFD", escaped);
    }

    [Theory]
    [InlineData("", "does not start with a double quote", 1)]
    [InlineData("abc\"", "does not start with a double quote", 1)]
    [InlineData("'abc'", "does not start with a double quote", 1)]
    [InlineData("\"", "has no closing quote", 2)]
    [InlineData("\"abc", "has no closing quote", 5)]
    [InlineData("\"abc\\\"", "has no closing quote", 7)]
    [InlineData("\"abc\\", "has no closing quote", 6)]
    [InlineData("\"abc\"x", "has characters after the closing quote", 6)]
    [InlineData("\"a\"b\"", "has characters after the closing quote", 4)]
    [InlineData("\"a\nb\"", "has a raw newline", 3)]
    [InlineData("\"ab\\q\"", "has an unknown escape \\q", 4)]
    [InlineData("\"\\'\"", "has an unknown escape \\'", 2)]
    [InlineData("\"\\8\"", "has an unknown escape \\8", 2)]
    [InlineData("\"\\ \"", "has an unknown escape: a backslash before U+0020", 2)]
    [InlineData("\"\\x4\"", "has an escape \\x4 that needs 2 hex digits", 2)]
    [InlineData("\"\\xg0\"", "has an escape \\x that needs 2 hex digits", 2)]
    [InlineData("\"\\u12\"", "has an escape \\u12 that needs 4 hex digits", 2)]
    [InlineData("\"\\U0001f68\"", "has an escape \\U0001f68 that needs 8 hex digits", 2)]
    [InlineData("\"\\ud800\"", "has an escape \\ud800 for a surrogate half", 2)]
    [InlineData("\"\\uDFFF\"", "has an escape \\uDFFF for a surrogate half", 2)]
    [InlineData("\"\\ud83d\\ude4f\"", "has an escape \\ud83d for a surrogate half", 2)]
    [InlineData("\"\\U0000d800\"", "has an escape \\U0000d800 for a surrogate half", 2)]
    [InlineData("\"\\U00110000\"", "has an escape \\U00110000 above the largest code point", 2)]
    [InlineData("\"\\Uffffffff\"", "has an escape \\Uffffffff above the largest code point", 2)]
    [InlineData("\"\\400\"", "has an octal escape \\400 above \\377", 2)]
    [InlineData("\"\\12\"", "has an octal escape \\12 that needs 3 octal digits", 2)]
    [InlineData("\"\\018\"", "has an octal escape \\01 that needs 3 octal digits", 2)]
    public void Rejects_what_Go_rejects_naming_the_problem_and_its_column(string quoted, string problem, int column)
    {
        Assert.False(GoQuotedString.TryUnquote(quoted, out var value, out var error, out var errorColumn));
        Assert.StartsWith(problem, error, StringComparison.Ordinal);
        Assert.Equal(column, errorColumn);
        Assert.Equal(string.Empty, value);
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("abc", "\"abc\"")]
    [InlineData("\a\b\f\r\n\t\v", "\"\\a\\b\\f\\r\\n\\t\\v\"")]
    [InlineData("\\\"'", "\"\\\\\\\"'\"")]
    [InlineData("\0\u0004\u001f\u007f", "\"\\x00\\x04\\x1f\\x7f\"")]
    [InlineData("\u263a", "\"☺\"")]
    [InlineData("héllo 世界 🚀", "\"héllo 世界 🚀\"")]
    [InlineData("!\u00a0!\u2000!\u3000!", "\"!\\u00a0!\\u2000!\\u3000!\"")]
    [InlineData("\u0080\u009f\u00ad", "\"\\u0080\\u009f\\u00ad\"")]
    [InlineData("\u200b\u2028\u2029\ufeff", "\"\\u200b\\u2028\\u2029\\ufeff\"")]
    [InlineData("\ue000\uffff", "\"\\ue000\\uffff\"")]
    [InlineData("\U0010ffff\U000e0001", "\"\\U0010ffff\\U000e0001\"")]
    [InlineData("{\n  \"a\": \"b=c\"\n}", "\"{\\n  \\\"a\\\": \\\"b=c\\\"\\n}\"")]
    public void Quotes_exactly_as_Go_does(string value, string expected)
    {
        Assert.Equal(expected, GoQuotedString.Quote(value));
    }

    [Fact]
    public void Quotes_a_lone_surrogate_as_a_replacement_character()
    {
        Assert.Equal("\"a\uFFFDb\uFFFD\"", GoQuotedString.Quote("a\uD800b\uDC00"));
    }

    [Fact]
    public void Quote_output_always_unquotes_to_the_same_string()
    {
        var random = new Random(20261127);
        for (var n = 0; n < 5000; n++)
        {
            var value = RandomString(random, random.Next(0, 40), allowLoneSurrogates: false);
            var quoted = GoQuotedString.Quote(value);
            Assert.True(GoQuotedString.TryUnquote(quoted, out var back, out var error, out _), $"{quoted}: {error}");
            Assert.Equal(value, back);
            Assert.DoesNotContain('\n', quoted);
        }
    }

    [Fact]
    public void Quote_output_unquotes_to_the_UTF_8_form_of_a_string_with_lone_surrogates()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var value = RandomString(random, random.Next(0, 40), allowLoneSurrogates: true);
            var expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
            Assert.True(GoQuotedString.TryUnquote(GoQuotedString.Quote(value), out var back, out var error, out _), error);
            Assert.Equal(expected, back);
        }
    }

    /// <summary>A string mixing ASCII, controls, Latin-1, the BMP, known non-printables and astral characters.</summary>
    internal static string RandomString(Random random, int length, bool allowLoneSurrogates)
    {
        char[] nonPrintable = ['\u00a0', '\u00ad', '\u200b', '\u2028', '\u2029', '\ufeff', '\ue000', '\uffff', '\ufffe', '\u0378'];
        var builder = new StringBuilder();
        while (builder.Length < length)
        {
            switch (random.Next(8))
            {
                case 0:
                    builder.Append((char)random.Next(0x00, 0x20));
                    break;
                case 1:
                    builder.Append("\"\\=\n\r\t\u007f"[random.Next(7)]);
                    break;
                case 2:
                    builder.Append((char)random.Next(0x80, 0x100));
                    break;
                case 3:
                    var bmp = random.Next(0x100, 0x10000);
                    if (bmp is < 0xD800 or > 0xDFFF)
                    {
                        builder.Append((char)bmp);
                    }
                    break;
                case 4:
                    builder.Append(nonPrintable[random.Next(nonPrintable.Length)]);
                    break;
                case 5:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                case 6 when allowLoneSurrogates:
                    builder.Append((char)random.Next(0xD800, 0xE000));
                    break;
                default:
                    builder.Append((char)random.Next(0x20, 0x7f));
                    break;
            }
        }
        return builder.ToString();
    }
}
