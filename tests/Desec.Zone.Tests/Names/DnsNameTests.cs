using Desec.Zone.Names;

namespace Desec.Zone.Tests.Names;

public class DnsNameTests
{
    private static readonly DnsName Example = DnsName.Parse("example.com.");

    [Theory]
    [InlineData("example.com.", "example.com.")]
    [InlineData("a\\.b.example.", "a\\.b.example.")]
    [InlineData("\\065bc.", "Abc.")]
    [InlineData("\\000.", "\\000.")]
    [InlineData(".", ".")]
    [InlineData("\\\\.", "\\\\.")]
    [InlineData("a\\ b.", "a\\032b.")]
    [InlineData("\\\"\\(\\)\\;\\@\\$.", "\\\"\\(\\)\\;\\@\\$.")]
    [InlineData("\\127\\255.", "\\127\\255.")]
    [InlineData("a\\bc.", "abc.")]
    [InlineData("*.example.", "*.example.")]
    public void Parses_and_prints(string text, string expected) =>
        Assert.Equal(expected, DnsName.Parse(text).ToString());

    [Fact]
    public void Relative_names_take_the_origin() =>
        Assert.Equal("www.example.com.", DnsName.Parse("www", Example).ToString());

    [Fact]
    public void At_sign_is_the_origin() => Assert.Same(Example, DnsName.Parse("@", Example));

    [Fact]
    public void Equality_ignores_case() =>
        Assert.Equal(DnsName.Parse("WWW.Example.COM."), DnsName.Parse("www.example.com."));

    [Fact]
    public void Equality_and_hash_hold_for_octets_outside_ascii()
    {
        var a = DnsName.Parse("\\252\\000x.Example.");
        var b = DnsName.Parse("\\252\\000X.example.");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, DnsName.Parse("\\220\\000x.example."));
        Assert.True(DnsName.Parse("a.\\200.example.").IsSubdomainOf(DnsName.Parse("\\200.EXAMPLE.")));
    }

    [Fact]
    public void Wire_form_keeps_case_and_escapes()
    {
        var name = DnsName.Parse("A\\.b.Example.");
        Assert.Equal([3, (byte)'A', (byte)'.', (byte)'b', 7, .. "Example"u8, 0], name.Wire.ToArray());
        Assert.Equal(2, name.LabelCount);
        Assert.Equal(name.Length, DnsName.WireLength(name.Wire));
    }

    [Fact]
    public void Non_ascii_text_is_taken_as_utf8_octets()
    {
        // A zone file is read as UTF-8; the octets on the wire are those of the file, as BIND reads them.
        var name = DnsName.Parse("bücher.example.");
        Assert.Equal("b\\195\\188cher.example.", name.ToString());
        Assert.Equal(DnsName.Parse("b\\195\\188cher.example."), name);
    }

    [Theory]
    [InlineData("", "empty name")]
    [InlineData("a..b.", "empty label")]
    [InlineData(".a.", "empty label")]
    [InlineData("..", "empty label")]
    [InlineData("a\\", "backslash at the end")]
    [InlineData("a\\12", "\\DDD needs three digits")]
    [InlineData("a\\1x2.", "\\DDD needs three digits")]
    [InlineData("a\\256.", "\\256 is above 255")]
    [InlineData("@", "'@' with no origin")]
    [InlineData("www", "relative name with no origin")]
    public void Refuses_bad_names(string text, string reason)
    {
        Assert.False(DnsName.TryParse(text, null, out _, out var error));
        Assert.Contains(reason, error);
        var e = Assert.Throws<FormatException>(() => DnsName.Parse(text));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Labels_of_63_octets_are_the_limit()
    {
        string label63 = new('a', 63);
        Assert.Equal(64 + 1, DnsName.Parse(label63 + ".").Length);
        Assert.False(DnsName.TryParse(new string('a', 64) + ".", null, out _, out var error));
        Assert.Equal("label longer than 63 octets", error);
        Assert.False(DnsName.TryParse(string.Concat(Enumerable.Repeat("\\000", 64)), Example, out _, out error));
        Assert.Equal("label longer than 63 octets", error);
    }

    [Fact]
    public void Names_of_255_octets_are_the_limit()
    {
        // 3 labels of 63 and one of 61: 64*3 + 62 + 1 = 255 octets.
        string l63 = new('a', 63);
        string longest = $"{l63}.{l63}.{l63}.{new string('b', 61)}.";
        Assert.Equal(255, DnsName.Parse(longest).Length);
        string tooLong = $"{l63}.{l63}.{l63}.{new string('b', 62)}.";
        Assert.False(DnsName.TryParse(tooLong, null, out _, out var error));
        Assert.Equal("name longer than 255 octets", error);
        Assert.False(DnsName.TryParse($"{l63}.{l63}.{l63}.{new string('b', 62)}", DnsName.Root, out _, out error));
        Assert.Equal("name longer than 255 octets", error);
        // 255 once the origin is added: 4 + 1 + 242 + ... relative part plus origin.
        var origin = DnsName.Parse($"{l63}.{l63}.{l63}.");
        Assert.Equal(255, DnsName.Parse(new string('c', 61), origin).Length);
        Assert.False(DnsName.TryParse(new string('c', 62), origin, out _, out error));
        Assert.Equal("name longer than 255 octets", error);
        Assert.False(DnsName.TryParse("x." + new string('a', 300), null, out _, out error));
    }

    [Fact]
    public void FromWire_checks_the_limits()
    {
        Assert.Equal("a.", DnsName.FromWire([1, (byte)'a', 0]).ToString());
        Assert.Throws<FormatException>(() => DnsName.FromWire([1, (byte)'a']));
        Assert.Throws<FormatException>(() => DnsName.FromWire([1, (byte)'a', 0, 0]));
        Assert.Throws<FormatException>(() => DnsName.FromWire([64, .. new byte[64], 0]));
        Assert.Throws<FormatException>(() => DnsName.FromWire([0xC0, 0]));
        Assert.Throws<FormatException>(() => DnsName.FromWire([]));
    }

    [Fact]
    public void Tree_navigation()
    {
        var name = DnsName.Parse("a.b.example.com.");
        Assert.Equal(4, name.LabelCount);
        Assert.Equal(DnsName.Parse("b.example.com."), name.Parent());
        Assert.Equal(Example, name.Ancestor(2));
        Assert.Equal(DnsName.Root, name.Ancestor(0));
        Assert.Same(name, name.Ancestor(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => name.Ancestor(5));
        Assert.Throws<InvalidOperationException>(() => DnsName.Root.Parent());
        Assert.True(name.IsSubdomainOf(Example));
        Assert.True(name.IsSubdomainOf(DnsName.Root));
        Assert.True(name.IsSubdomainOf(name));
        Assert.False(Example.IsSubdomainOf(name));
        Assert.False(DnsName.Parse("xexample.com.").IsSubdomainOf(Example));
        Assert.Equal("a", System.Text.Encoding.ASCII.GetString(name.FirstLabel));
    }

    [Fact]
    public void Prepend_and_wildcards()
    {
        var wildcard = Example.Prepend("*"u8);
        Assert.True(wildcard.IsWildcard);
        Assert.Equal("*.example.com.", wildcard.ToString());
        Assert.True(DnsName.Parse("\\*.example.").IsWildcard); // an escaped * is the same octet on the wire
        Assert.False(DnsName.Parse("**.example.").IsWildcard);
        Assert.False(DnsName.Root.IsWildcard);
        Assert.Throws<ArgumentException>(() => Example.Prepend([]));
        Assert.Throws<ArgumentException>(() => Example.Prepend(new byte[64]));
        var big = DnsName.Parse($"{new string('a', 63)}.{new string('a', 63)}.{new string('a', 63)}.");
        Assert.Throws<FormatException>(() => big.Prepend(new byte[62]));
    }

    [Fact]
    public void ToLower_lowers_only_ascii_letters()
    {
        var name = DnsName.Parse("AbC\\200\\091.EXAMPLE.");
        Assert.Equal("abc\\200[.example.", name.ToLower().ToString());
        var lower = DnsName.Parse("abc.example.");
        Assert.Same(lower, lower.ToLower());
    }
}
