using System.Text.Encodings.Web;
using System.Text.Json;

namespace BuildRunner.Bench;

/// <summary>The bench report as JSON (<c>--json</c>).</summary>
public static class BenchJson
{
    // Relaxed escaping: the file is read by people and tools, never embedded in HTML.
    private static readonly BenchJsonContext Context = new(new JsonSerializerOptions(BenchJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The report as indented JSON, camelCase names.</summary>
    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.BenchReport);
    }
}
