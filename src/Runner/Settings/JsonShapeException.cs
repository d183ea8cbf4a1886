using System.Text.Json;

namespace BuildRunner.Settings;

/// <summary>
/// A JSON value the model cannot take, thrown by the strict converters. It derives from <see cref="JsonException"/>
/// so that the serializer fills in <see cref="JsonException.Path"/> and keeps the message as written.
/// </summary>
internal sealed class JsonShapeException : JsonException
{
    /// <summary>The problem with a string holding a <c>\u</c> escape that names half a surrogate pair: valid JSON, no valid string.</summary>
    public const string UnpairedSurrogate = "holds an invalid \\u escape (an unpaired surrogate)";

    /// <summary>A problem with the value, such as <c>must be a string, got a number</c>.</summary>
    public JsonShapeException(string problem, string? expected)
        : base(problem)
    {
        Expected = expected;
    }

    /// <summary>A problem found by a lower-level reader, kept as the cause.</summary>
    public JsonShapeException(string problem, string? expected, Exception inner)
        : base(problem, inner)
    {
        Expected = expected;
    }

    /// <summary>What the value should have been, such as <c>a string</c>; null when its kind was right but its content was not.</summary>
    public string? Expected { get; }

    /// <summary>A value of the wrong JSON kind.</summary>
    public static JsonShapeException WrongKind(string expected, JsonTokenType found) =>
        new($"must be {expected}, got {JsonShape.Describe(found)}", expected);
}
