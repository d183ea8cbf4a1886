using System.Text.Json.Serialization;

namespace BuildRunner.Settings;

/// <summary>
/// Source-generated JSON for the <c>BUILD</c> object: no reflection, so native AOT keeps it. Property names are
/// matched exactly (camelCase, as the API writes them) and unknown ones are skipped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(StrictStringConverter), typeof(StrictBooleanConverter)])]
[JsonSerializable(typeof(OpenShiftBuildJson.BuildObject))]
internal sealed partial class OpenShiftBuildJsonContext : JsonSerializerContext;
