using Desec.Zone.Names;

namespace Desec.Zone.Tests.Names;

public class DnsNameTests
{
    [Theory]
    [InlineData("example.com.", "example.com.")]
    [InlineData("a\\.b.example.", "a\\.b.example.")]
    [InlineData("\\065bc.", "Abc.")]
    [InlineData("\\000.", "\\000.")]
    [InlineData(".", ".")]
    public void Parses_and_prints(string text, string expected) =>
        Assert.Equal(expected, DnsName.Parse(text).ToString());

    [Fact]
    public void Relative_names_take_the_origin() =>
        Assert.Equal("www.example.com.", DnsName.Parse("www", DnsName.Parse("example.com.")).ToString());

    [Fact]
    public void Equality_ignores_case() =>
        Assert.Equal(DnsName.Parse("WWW.Example.COM."), DnsName.Parse("www.example.com."));
}
