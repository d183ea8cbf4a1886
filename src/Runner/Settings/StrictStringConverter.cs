using System.Text.Json;
using System.Text.Json.Serialization;

namespace BuildRunner.Settings;

/// <summary>
/// Reads only JSON strings (the built-in converter's error names the CLR type, not what was found) and reports an
/// escape naming half a surrogate pair, which parses as JSON but is no valid string, as a <see cref="JsonShapeException"/>.
/// Dictionary keys come through here too, but the serializer has decoded each key once already (for the path),
/// so an undecodable key fails before this converter sees it.
/// </summary>
internal sealed class StrictStringConverter : JsonConverter<string>
{
    private const string Expected = "a string";

    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Decode(ref reader) : throw JsonShapeException.WrongKind(Expected, reader.TokenType);

    /// <inheritdoc />
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Decode(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    private static string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonShapeException(JsonShapeException.UnpairedSurrogate, expected: null, e);
        }
    }

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }
}
