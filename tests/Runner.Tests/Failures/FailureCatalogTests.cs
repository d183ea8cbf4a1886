using System.Reflection;

namespace BuildRunner.Tests.Failures;

public class FailureCatalogTests
{
    [Fact]
    public void Every_entry_of_the_catalog_is_listed_once_and_every_code_is_unique()
    {
        var declared = typeof(FailureCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FailureKind)).Select(f => (FailureKind)f.GetValue(null)!).ToList();

        Assert.Equal(declared.Count, FailureCatalog.All.Length);
        Assert.Equal(declared.OrderBy(k => k.Code), FailureCatalog.All.OrderBy(k => k.Code));
        Assert.Equal(FailureCatalog.All.Length, FailureCatalog.All.Select(k => k.Code).Distinct().Count());
    }

    [Fact]
    public void Exit_70_belongs_to_the_internal_defect_alone_and_143_to_cancellation()
    {
        Assert.Equal("internal", Assert.Single(FailureCatalog.All, k => k.ExitCode == 70).Code);
        Assert.Equal("cancelled", Assert.Single(FailureCatalog.All, k => k.ExitCode == 143).Code);
    }

    [Fact]
    public void Every_exit_code_of_the_catalog_is_a_documented_exit_code()
    {
        var documented = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetValue(null)!).ToHashSet();

        Assert.All(FailureCatalog.All, k => Assert.Contains(k.ExitCode, documented));
    }

    [Fact]
    public void The_README_contains_the_generated_failure_table()
    {
        var readme = Checkout.Read("README.md");

        Assert.Contains("<!-- failures:begin -->\n" + FailureCatalog.Table() + "<!-- failures:end -->", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_and_its_failure_carry_the_code_and_exit_code_of_their_entry()
    {
        var problem = FailureCatalog.ContextMissing.Blocks("reading the build context \"/x\": the folder does not exist", "mount it");
        var failure = problem.ToException();

        Assert.Equal(("context-missing", 3), (problem.Code, problem.ExitCode));
        Assert.Equal(("context-missing", 3, "mount it"), (failure.Code, failure.ExitCode, failure.Fix));
        Assert.Same(FailureCatalog.ContextMissing, failure.Kind);
    }
}
