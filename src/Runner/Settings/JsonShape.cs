using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BuildRunner.Settings;

/// <summary>
/// Explains a <see cref="JsonException"/> from source-generated deserialization in terms of the document: what kind
/// of value was found, and which model type the serializer wanted at the exception's <see cref="JsonException.Path"/>.
/// The serializer's own message for an object or array of the wrong kind names a CLR type, which means nothing to
/// whoever wrote the JSON.
/// </summary>
internal static class JsonShape
{
    /// <summary>A JSON token kind as a pod owner would name it: <c>an array</c>, <c>a number</c>...</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// The model type at <paramref name="path"/> (<c>$.spec.output</c>, <c>$.a[2]</c>, <c>$.m['x/y']</c>, as
    /// <see cref="JsonException.Path"/> writes it) below <paramref name="root"/>, or null when the path leaves the model.
    /// </summary>
    public static JsonTypeInfo? TypeAt(JsonTypeInfo root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
        {
            return null;
        }
        var type = root;
        var rest = path.AsSpan(1);
        while (!rest.IsEmpty)
        {
            string? name;
            if (rest.StartsWith("['"))
            {
                var end = rest.IndexOf("']");
                if (end < 0)
                {
                    return null;
                }
                name = rest[2..end].ToString();
                rest = rest[(end + 2)..];
            }
            else if (rest[0] == '[')
            {
                var end = rest.IndexOf(']');
                if (end < 0)
                {
                    return null;
                }
                name = null;
                rest = rest[(end + 1)..];
            }
            else if (rest[0] == '.')
            {
                var end = rest[1..].IndexOfAny('.', '[');
                var length = end < 0 ? rest.Length - 1 : end;
                name = rest.Slice(1, length).ToString();
                rest = rest[(1 + length)..];
            }
            else
            {
                return null;
            }

            // A dictionary's keys and an array's indexes both lead to the element type.
            var next = name is null || type.Kind == JsonTypeInfoKind.Dictionary
                ? type.ElementType
                : type.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            if (next is null)
            {
                return null;
            }
            type = type.Options.GetTypeInfo(next);
        }
        return type;
    }

    /// <summary>
    /// The kind of the value that ends where <paramref name="e"/> says the reader stopped, or null when no token
    /// ends there. The serializer reports a value of the wrong kind after reading that value, and
    /// <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> count what it read.
    /// </summary>
    public static string? FoundAt(ReadOnlySpan<byte> utf8, JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.LineNumber is not long line || e.BytePositionInLine is not long column)
        {
            return null;
        }
        long offset = 0;
        for (long i = 0; i < line; i++)
        {
            // The reader counts lines by '\n' alone, as here.
            var newline = utf8[(int)offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null;
            }
            offset += newline + 1;
        }
        offset += column;

        var reader = new Utf8JsonReader(utf8);
        try
        {
            while (reader.Read() && reader.BytesConsumed <= offset)
            {
                if (reader.BytesConsumed == offset)
                {
                    return Describe(reader.TokenType);
                }
            }
        }
        catch (JsonException)
        {
            // Past the point of interest the document may be broken; the value was not found before that.
        }
        return null;
    }
}
