using System.Text.Json.Serialization;

namespace BuildRunner.Reporting;

/// <summary>Source-generated JSON for reports: no reflection, so native AOT keeps it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BuildResult))]
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
