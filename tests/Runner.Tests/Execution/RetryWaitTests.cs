using BuildRunner.Execution;

namespace BuildRunner.Tests.Execution;

public class RetryWaitTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    public void The_runner_waits_the_retry_delay_then_twice_as_long_for_each_further_retry(int retry, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PlanExecutor.RetryWait(TimeSpan.FromSeconds(2), retry));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    public void No_wait_is_longer_than_five_minutes_however_many_retries_are_asked_for(int retry)
    {
        Assert.Equal(PlanExecutor.MaxRetryWait, PlanExecutor.RetryWait(TimeSpan.FromSeconds(2), retry));
        Assert.Equal(PlanExecutor.MaxRetryWait, PlanExecutor.RetryWait(TimeSpan.FromDays(1), retry));
    }
}
