using System.IO.Abstractions.TestingHelpers;
using System.Text.Json;
using BuildRunner.Cli;
using BuildRunner.Gathering;

namespace BuildRunner.Tests.Cli;

/// <summary>
/// The build command's last line of defence. A defect cannot be caused on purpose in the real binary, so a run
/// environment whose gatherer throws stands in for one.
/// </summary>
public class BuildCommandTests
{
    private sealed class BrokenEnvironment(Exception defect) : RunEnvironment
    {
        public List<RunnerException> Reported { get; } = [];

        public List<Exception> Traces { get; } = [];

        public override string? Variable(string name) => null;

        public override FactGatherer CreateGatherer(System.IO.Abstractions.IFileSystem fileSystem) => throw defect;

        public override void ReportFailure(RunnerException failure) => Reported.Add(failure);

        public override void ReportStackTrace(Exception unexpected) => Traces.Add(unexpected);
    }

    [Fact]
    public async Task An_unexpected_exception_still_ends_in_an_internal_result_and_termination_message_without_a_stack_trace()
    {
        var fs = new MockFileSystem();
        fs.AddDirectory("/out");
        var environment = new BrokenEnvironment(new KeyNotFoundException("the key 'x' was not present"));
        var arguments = ArgumentParser.Parse(["build", "--result", "/out/result.json", "--termination-log", "/out/termination-log"]);

        var exit = await new BuildCommand(fs, environment).RunAsync(arguments, CancellationToken.None);

        Assert.Equal(70, exit);
        var error = JsonDocument.Parse(fs.File.ReadAllText("/out/result.json")).RootElement.GetProperty("error");
        Assert.Equal("internal", error.GetProperty("code").GetString());
        Assert.Matches(@"^unexpected KeyNotFoundException: the key 'x' was not present \(internal error [0-9a-f]{8}\)$", error.GetProperty("message").GetString());
        Assert.Contains("internal error", fs.File.ReadAllText("/out/termination-log"), StringComparison.Ordinal);
        Assert.Equal("internal", Assert.Single(environment.Reported).Code);
        Assert.Empty(environment.Traces);
    }

    [Fact]
    public void The_same_defect_gets_the_same_id()
    {
        static Exception Thrown()
        {
            try
            {
                throw new InvalidOperationException("boom");
            }
            catch (InvalidOperationException e)
            {
                return e;
            }
        }

        Assert.Equal(InternalFailure.Id(Thrown()), InternalFailure.Id(Thrown()));
        Assert.Matches("^[0-9a-f]{8}$", InternalFailure.Id(Thrown()));
    }
}
