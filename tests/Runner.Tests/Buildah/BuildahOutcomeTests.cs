using BuildRunner.Buildah;

namespace BuildRunner.Tests.Buildah;

public class BuildahOutcomeTests
{
    private static BuildahOutcome Outcome(int exitCode, params string[] tail) => new(exitCode, [.. tail], 4242);

    [Fact]
    public void Exit_code_zero_is_success()
    {
        Assert.True(Outcome(0).Succeeded);
        Assert.False(Outcome(1).Succeeded);
        Assert.False(Outcome(125).Succeeded);
    }

    [Fact]
    public void Error_lines_are_the_Error_line_and_the_failing_steps_output_before_it()
    {
        var outcome = Outcome(
            1,
            "STEP 1/3: FROM busybox",
            "STEP 2/3: COPY hello.txt /",
            "STEP 3/3: RUN false",
            "sh: some diagnostic",
            "error building at STEP \"RUN false\": exit status 1",
            "Error: building at STEP \"RUN false\": while running runtime: exit status 1",
            "",
            "time=\"2026-01-01T00:00:00Z\" level=debug msg=\"shutting down\"");

        var lines = outcome.ErrorLines(3);

        Assert.Equal(
            [
                "sh: some diagnostic",
                "error building at STEP \"RUN false\": exit status 1",
                "Error: building at STEP \"RUN false\": while running runtime: exit status 1",
            ],
            lines);
    }

    [Fact]
    public void At_most_six_lines_are_given_by_default()
    {
        var tail = Enumerable.Range(1, 10).Select(i => $"line {i}").Append("Error: it failed").ToArray();

        var lines = Outcome(1, tail).ErrorLines();

        Assert.Equal(6, lines.Count);
        Assert.Equal("line 6", lines[0]);
        Assert.Equal("Error: it failed", lines[^1]);
    }

    [Fact]
    public void The_last_Error_line_is_the_one_picked()
    {
        var lines = Outcome(1, "Error: first", "retrying", "Error: second", "after").ErrorLines(2);

        Assert.Equal(["retrying", "Error: second"], lines);
    }

    [Fact]
    public void A_logrus_level_error_line_counts_as_the_error()
    {
        var lines = Outcome(1, "noise", "time=\"x\" level=error msg=\"mount failed\"", "cleanup").ErrorLines(2);

        Assert.Equal(["noise", "time=\"x\" level=error msg=\"mount failed\""], lines);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_do_not_count()
    {
        var lines = Outcome(1, "cause", "", "   ", "Error: failed").ErrorLines(2);

        Assert.Equal(["cause", "Error: failed"], lines);
    }

    [Fact]
    public void Without_an_Error_line_the_last_lines_are_given()
    {
        var lines = Outcome(1, "a", "b", "c", "d").ErrorLines(2);

        Assert.Equal(["c", "d"], lines);
    }

    [Fact]
    public void An_Error_line_at_the_top_comes_alone()
    {
        Assert.Equal(["Error: no such file"], Outcome(1, "Error: no such file", "later").ErrorLines());
    }

    [Fact]
    public void An_indented_Error_word_is_not_the_error_line()
    {
        var lines = Outcome(1, "  Error: quoted in output", "last").ErrorLines(1);

        Assert.Equal(["last"], lines);
    }

    [Fact]
    public void No_output_gives_no_lines()
    {
        Assert.Empty(Outcome(1).ErrorLines());
    }
}
