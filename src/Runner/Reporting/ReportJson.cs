using System.Text.Encodings.Web;
using System.Text.Json;

namespace BuildRunner.Reporting;

/// <summary>The JSON settings of every report.</summary>
internal static class ReportJson
{
    /// <summary>
    /// The source-generated context with relaxed escaping: reports are files and terminal output, never HTML, and
    /// <c>\u0022</c> for every quote in an error message would make them hard to read.
    /// </summary>
    public static ReportJsonContext Context { get; } = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
