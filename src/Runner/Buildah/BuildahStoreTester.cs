using System.Collections.Immutable;
using System.IO.Abstractions;
using BuildRunner.Storage;

namespace BuildRunner.Buildah;

/// <summary>
/// Tries a storage configuration with buildah itself: creates a working container from scratch and copies a
/// file into it, which initialises the store, creates a layer and writes through a mount of the driver.
/// </summary>
public sealed class BuildahStoreTester(IFileSystem fileSystem, IBuildahRunner buildah, string workDirectory) : IStoreTester
{
    /// <inheritdoc />
    public async Task<string?> TryAsync(StorageConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration.Driver.ToName();
        var confPath = fileSystem.Path.Combine(workDirectory, $"probe-{name}.conf");
        var payload = fileSystem.Path.Combine(workDirectory, "probe-payload");
        fileSystem.File.WriteAllText(confPath, configuration.Render());
        fileSystem.File.WriteAllText(payload, "build-runner storage probe\n");
        var environment = BuildahEnvironment.For(confPath);
        var container = $"build-runner-probe-{name}-{Environment.ProcessId}";

        var from = await buildah.RunAsync(Invocation(configuration, ["from", "--name", container, "scratch"], environment), cancellationToken);
        if (!from.Succeeded)
        {
            return Summarize(from);
        }
        var copy = await buildah.RunAsync(Invocation(configuration, ["copy", container, payload, "/probe"], environment), cancellationToken);
        await buildah.RunAsync(Invocation(configuration, ["rm", container], environment), cancellationToken);
        return copy.Succeeded ? null : Summarize(copy);
    }

    private static BuildahInvocation Invocation(StorageConfiguration configuration, string[] arguments, ImmutableDictionary<string, string?> environment) =>
        new([.. StoreArguments.For(configuration), .. arguments], environment, $"probing the {configuration.Driver.ToName()} storage driver", []);

    private static string Summarize(BuildahOutcome outcome)
    {
        var lines = outcome.ErrorLines(2);
        return lines.Count == 0 ? $"buildah exited with {outcome.ExitCode}" : string.Join(" / ", lines.Select(l => l.Trim()));
    }
}
