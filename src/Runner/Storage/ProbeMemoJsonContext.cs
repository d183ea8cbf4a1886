using System.Text.Json.Serialization;

namespace BuildRunner.Storage;

/// <summary>Source-generated JSON for <see cref="ProbeMemo"/>: no reflection, so native AOT keeps it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ProbeMemo))]
internal sealed partial class ProbeMemoJsonContext : JsonSerializerContext;
