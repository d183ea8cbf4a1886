using System.Buffers;
using System.Globalization;
using System.Text;

namespace BuildRunner.Settings;

/// <summary>
/// Go's double-quoted string literals, as <c>strconv.Quote</c> writes them and <c>strconv.Unquote</c> reads them.
/// The kubelet writes each downward-API annotation value this way (<c>%q</c>).
/// </summary>
/// <remarks>
/// Go strings are bytes; .NET strings are UTF-16. Unquoting assembles the bytes of the value
/// (escaped bytes and the UTF-8 of literal characters) and decodes them as UTF-8, so invalid
/// sequences become U+FFFD. Quoting writes a lone surrogate as U+FFFD, as converting the string
/// to UTF-8 would.
/// </remarks>
public static class GoQuotedString
{
    private const string LowerHex = "0123456789abcdef";

    /// <summary>
    /// Unquotes a Go double-quoted string literal, surrounding quotes included, accepting exactly
    /// what Go's <c>strconv.Unquote</c> accepts for one.
    /// </summary>
    /// <param name="quoted">The literal, from its opening quote to its closing quote.</param>
    /// <param name="value">The decoded value; empty when the literal is malformed.</param>
    /// <param name="error">
    /// Empty on success; otherwise what is wrong, phrased to follow the value as subject
    /// (for example <c>has an unknown escape \q</c>).
    /// </param>
    /// <param name="errorColumn">
    /// 0 on success; otherwise the 1-based position in <paramref name="quoted"/> (in UTF-16 code units) of the problem.
    /// </param>
    /// <returns>Whether <paramref name="quoted"/> is a well-formed literal.</returns>
    public static bool TryUnquote(ReadOnlySpan<char> quoted, out string value, out string error, out int errorColumn)
    {
        value = string.Empty;
        if (quoted.IsEmpty || quoted[0] != '"')
        {
            return Fail("does not start with a double quote", 0, out error, out errorColumn);
        }

        // Find the closing quote and reject what Go rejects before decoding anything.
        var hasEscape = false;
        var close = -1;
        for (var i = 1; i < quoted.Length; i++)
        {
            var c = quoted[i];
            if (c == '"')
            {
                close = i;
                break;
            }
            if (c == '\n')
            {
                return Fail("has a raw newline (write it as \\n)", i, out error, out errorColumn);
            }
            if (c == '\\')
            {
                hasEscape = true;
                if (!TryCheckEscape(quoted, i, out var length, out error))
                {
                    errorColumn = i + 1;
                    return false;
                }
                i += length - 1;
            }
        }
        if (close < 0)
        {
            return Fail("has no closing quote", quoted.Length, out error, out errorColumn);
        }
        if (close != quoted.Length - 1)
        {
            return Fail("has characters after the closing quote", close + 1, out error, out errorColumn);
        }

        var inner = quoted[1..close];
        error = string.Empty;
        errorColumn = 0;

        // Without escapes or surrogates the value is the text itself; the decode below is for the rest.
        if (!hasEscape && inner.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            value = inner.ToString();
            return true;
        }
        value = Decode(inner);
        return true;
    }

    /// <summary>
    /// Quotes <paramref name="value"/> exactly as Go's <c>strconv.Quote</c> quotes its UTF-8 encoding.
    /// </summary>
    /// <remarks>
    /// Go writes printable runes (<c>unicode.IsPrint</c>) literally and escapes the rest. Go's IsPrint is
    /// "letter, mark, number, punctuation or symbol, or U+0020"; this uses the same categories from .NET's
    /// Unicode tables, so the two differ only where their Unicode versions differ (runes assigned in one
    /// version and not the other). Escapes are always valid, so the output unquotes in either direction.
    /// </remarks>
    /// <param name="value">Any string; a lone surrogate is written as U+FFFD.</param>
    /// <returns>The literal, with its surrounding quotes.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }
            AppendEscapedRune(builder, rune);
            rest = rest[consumed..];
        }
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// Whether Go's <c>unicode.IsPrint</c> holds for <paramref name="rune"/>, per .NET's Unicode tables.
    /// </summary>
    internal static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    private static void AppendEscapedRune(StringBuilder builder, Rune rune)
    {
        var r = rune.Value;
        if (r is '"' or '\\')
        {
            builder.Append('\\').Append((char)r);
            return;
        }
        if (IsPrint(rune))
        {
            Span<char> utf16 = stackalloc char[2];
            builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            return;
        }
        switch (r)
        {
            case '\a': builder.Append("\\a"); return;
            case '\b': builder.Append("\\b"); return;
            case '\f': builder.Append("\\f"); return;
            case '\n': builder.Append("\\n"); return;
            case '\r': builder.Append("\\r"); return;
            case '\t': builder.Append("\\t"); return;
            case '\v': builder.Append("\\v"); return;
            default: break;
        }
        if (r < ' ' || r == 0x7f)
        {
            AppendHex(builder.Append("\\x"), r, 2);
        }
        else if (r < 0x10000)
        {
            AppendHex(builder.Append("\\u"), r, 4);
        }
        else
        {
            AppendHex(builder.Append("\\U"), r, 8);
        }
    }

    private static void AppendHex(StringBuilder builder, int value, int digits)
    {
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            builder.Append(LowerHex[(value >> shift) & 0xF]);
        }
    }

    private static bool Fail(string what, int index, out string error, out int errorColumn)
    {
        error = what;
        errorColumn = index + 1;
        return false;
    }

    /// <summary>
    /// Checks the escape starting with the backslash at <paramref name="at"/> and gives its length.
    /// An escape cut off by the end of the input is left to the caller's "no closing quote".
    /// </summary>
    private static bool TryCheckEscape(ReadOnlySpan<char> s, int at, out int length, out string error)
    {
        error = string.Empty;
        length = 2;
        if (at + 1 >= s.Length)
        {
            // A trailing backslash: the scan ends without a closing quote.
            length = 1;
            return true;
        }
        var kind = s[at + 1];
        switch (kind)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' or '"':
                return true;
            case 'x' or 'u' or 'U':
            {
                var digits = kind switch { 'x' => 2, 'u' => 4, _ => 8 };
                var found = CountHexDigits(s, at + 2, digits);
                if (found < digits)
                {
                    error = $"has an escape \\{kind}{s.Slice(at + 2, found)} that needs {digits} hex digits";
                    return false;
                }
                length = 2 + digits;
                if (kind == 'x')
                {
                    return true;
                }
                var codePoint = ParseHex(s.Slice(at + 2, digits));
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    error = $"has an escape {s.Slice(at, length)} for a surrogate half, which is not a character";
                    return false;
                }
                if (codePoint > 0x10FFFF)
                {
                    error = $"has an escape {s.Slice(at, length)} above the largest code point \\U0010ffff";
                    return false;
                }
                return true;
            }
            case >= '0' and <= '7':
            {
                var found = 1;
                while (found < 3 && at + 1 + found < s.Length && s[at + 1 + found] is >= '0' and <= '7')
                {
                    found++;
                }
                if (found < 3)
                {
                    error = $"has an octal escape {s.Slice(at, 1 + found)} that needs 3 octal digits";
                    return false;
                }
                length = 4;
                var octal = ((kind - '0') << 6) | ((s[at + 2] - '0') << 3) | (s[at + 3] - '0');
                if (octal > 0xFF)
                {
                    error = $"has an octal escape {s.Slice(at, length)} above \\377";
                    return false;
                }
                return true;
            }
            default:
                error = kind is > ' ' and < '\x7f'
                    ? $"has an unknown escape \\{kind}"
                    : $"has an unknown escape: a backslash before U+{(int)kind:X4}";
                return false;
        }
    }

    private static int CountHexDigits(ReadOnlySpan<char> s, int start, int max)
    {
        var count = 0;
        while (count < max && start + count < s.Length && char.IsAsciiHexDigit(s[start + count]))
        {
            count++;
        }
        return count;
    }

    private static int ParseHex(ReadOnlySpan<char> digits)
    {
        // At most 8 digits, so the value fits in a uint; callers compare it to 0x10FFFF.
        var value = 0u;
        foreach (var c in digits)
        {
            value = (value << 4) | (uint)HexValue(c);
        }
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    /// <summary>Decodes the checked text between the quotes: bytes first, then UTF-8, as Go's string would be read.</summary>
    private static string Decode(ReadOnlySpan<char> inner)
    {
        // No escape produces more bytes than its text has characters, and a literal character is at most 3 bytes.
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, inner.Length * 3));
        try
        {
            var length = 0;
            var i = 0;
            while (i < inner.Length)
            {
                var next = inner[i..].IndexOf('\\');
                var literal = next < 0 ? inner[i..] : inner.Slice(i, next);
                length += Encoding.UTF8.GetBytes(literal, rented.AsSpan(length));
                i += literal.Length;
                if (next < 0)
                {
                    break;
                }
                var kind = inner[i + 1];
                switch (kind)
                {
                    case 'x':
                        rented[length++] = (byte)ParseHex(inner.Slice(i + 2, 2));
                        i += 4;
                        break;
                    case 'u':
                        length += new Rune(ParseHex(inner.Slice(i + 2, 4))).EncodeToUtf8(rented.AsSpan(length));
                        i += 6;
                        break;
                    case 'U':
                        length += new Rune(ParseHex(inner.Slice(i + 2, 8))).EncodeToUtf8(rented.AsSpan(length));
                        i += 10;
                        break;
                    case >= '0' and <= '7':
                        rented[length++] = (byte)(((kind - '0') << 6) | ((inner[i + 2] - '0') << 3) | (inner[i + 3] - '0'));
                        i += 4;
                        break;
                    default:
                        rented[length++] = kind switch
                        {
                            'a' => 0x07,
                            'b' => 0x08,
                            'f' => 0x0C,
                            'n' => 0x0A,
                            'r' => 0x0D,
                            't' => 0x09,
                            'v' => 0x0B,
                            _ => (byte)kind, // '\\' or '"'
                        };
                        i += 2;
                        break;
                }
            }
            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
