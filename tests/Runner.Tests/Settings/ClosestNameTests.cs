using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class ClosestNameTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("storage-drvier", "storage-driver", 2)]
    [InlineData("same", "same", 0)]
    public void Distance_is_the_Levenshtein_distance(string a, string b, int distance)
    {
        Assert.Equal(distance, ClosestName.Distance(a, b));
        Assert.Equal(distance, ClosestName.Distance(b, a));
    }

    [Fact]
    public void Finds_the_nearest_candidate()
    {
        Assert.Equal("--storage-driver", ClosestName.Find("--storage-drvier", SettingsCatalog.All.Select(d => d.Flag)));
        Assert.Equal("build-runner/storage-driver", ClosestName.Find("build-runner/storage-drvier", SettingsCatalog.All.Select(d => d.AnnotationKey)));
    }

    [Fact]
    public void Ties_go_to_the_first_in_ordinal_order()
    {
        Assert.Equal("bat", ClosestName.Find("cat", ["rat", "bat", "hat"]));
    }

    [Fact]
    public void No_candidates_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => ClosestName.Find("x", []));
    }
}
