using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>The published binary needs no .NET runtime.</summary>
public sealed class NativeBinaryTests
{
    [Fact]
    public async Task The_published_binary_prints_its_version_with_no_dotnet_runtime_reachable()
    {
        // Hide every .NET installation behind an empty tmpfs in a private mount namespace, and clear the environment.
        const string script = """
            set -e
            for d in /usr/share/dotnet /usr/lib/dotnet /usr/local/share/dotnet /root/.dotnet; do
              if [ -d "$d" ]; then mount -t tmpfs tmpfs "$d"; fi
            done
            if env -i PATH=/usr/bin:/bin dotnet --info >/dev/null 2>&1; then echo "dotnet still reachable"; exit 99; fi
            exec env -i PATH=/usr/bin:/bin "$0" version
            """;
        var run = await Run.ProcessAsync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, Repository.Binary]);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Matches(@"^build-runner \d+\.\d+\.\d+ .*native AOT", run.StandardOutput);
    }
}
