using System.Text.Json;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>Runs the runner directly on the machine: node root, no user namespace (what a pod without hostUsers: false gets).</summary>
public sealed class Outside : IDisposable
{
    /// <summary>A scratch folder for annotations, results and the storage root.</summary>
    public string Dir { get; } = Directory.CreateTempSubdirectory("build-runner-outside-").FullName;

    /// <summary>The storage root to use (never the machine's own).</summary>
    public string StorageRoot => Path.Combine(Dir, "storage");

    /// <summary>The result file path.</summary>
    public string ResultPath => Path.Combine(Dir, "result.json");

    /// <summary>Writes a file in the scratch folder; returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs the runner with <paramref name="arguments"/>; its scratch files go under <see cref="Dir"/> unless <paramref name="environment"/> names a TMPDIR.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        variables.TryAdd("TMPDIR", Dir);
        return Run.ProcessAsync(Repository.Binary, arguments, variables);
    }

    /// <summary>The result file.</summary>
    public JsonElement ReadResult() => JsonDocument.Parse(File.ReadAllText(ResultPath)).RootElement;

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
