using System.Text.Json;
using System.Text.Json.Serialization;

namespace BuildRunner.Settings;

/// <summary>Reads only JSON <c>true</c> and <c>false</c>, reporting anything else as a <see cref="JsonShapeException"/>.</summary>
internal sealed class StrictBooleanConverter : JsonConverter<bool>
{
    /// <inheritdoc />
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            var found => throw JsonShapeException.WrongKind("true or false", found),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBooleanValue(value);
    }
}
