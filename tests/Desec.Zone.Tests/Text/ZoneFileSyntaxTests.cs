using Desec.Zone.Records;
using static Desec.Zone.Tests.Text.ZoneText;

namespace Desec.Zone.Tests.Text;

/// <summary>RFC 1035 §5.1 entries: owner, TTL, class and type, and what is inherited when omitted.</summary>
public class ZoneFileSyntaxTests
{
    [Fact]
    public void Owner_ttl_class_type_and_rdata()
    {
        Assert.Equal(["www.example.com.\t300\tIN\tA\t192.0.2.1"], Lines("www 300 IN A 192.0.2.1\n"));
    }

    [Theory]
    [InlineData("www 300 IN A 192.0.2.1")]
    [InlineData("www IN 300 A 192.0.2.1")]
    [InlineData("www 300 A 192.0.2.1")]
    [InlineData("www in 300 a 192.0.2.1")]
    [InlineData("www CLASS1 5m TYPE1 192.0.2.1")]
    [InlineData("www.example.com. 300 IN A 192.0.2.1")]
    public void Ttl_and_class_in_either_order_and_optional(string line)
    {
        Assert.Equal(["www.example.com.\t300\tIN\tA\t192.0.2.1"], Lines("$TTL 300\n" + line + "\n"));
    }

    [Theory]
    [InlineData("1w2d3h4m5s", 788645u)]
    [InlineData("1H", 3600u)]
    [InlineData("2147483647", 2147483647u)]
    [InlineData("0", 0u)]
    [InlineData("00000000000300", 300u)]
    [InlineData("1h1h", 7200u)]
    public void Ttl_units(string ttl, uint seconds) =>
        Assert.Equal(seconds, Parse($"a {ttl} A 192.0.2.1\n").Records[0].Ttl);

    [Theory]
    [InlineData("a 2147483648 A 192.0.2.1", 1)]
    [InlineData("a 4294967295 A 192.0.2.1", 1)]
    [InlineData("a 3600w A 192.0.2.1", 1)]
    [InlineData("$TTL 4294967295\na A 192.0.2.1", 1)]
    [InlineData("$GENERATE 1-1 a 2147483648 A 192.0.2.$", 1)]
    public void Ttl_with_the_top_bit_set_reads_as_zero_with_a_warning(string text, int line)
    {
        // RFC 2181 §8: a TTL above 2^31-1 is read as zero; BIND loads such a file so, with a warning.
        var result = Parse(text + "\n");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(0u, Assert.Single(result.Records).Ttl);
        Assert.StartsWith($"test.zone:{line}: TTL ", Assert.Single(result.Warnings));
        Assert.Contains("read as 0 (RFC 2181 §8)", result.Warnings[0]);
    }

    [Theory]
    [InlineData("a 4294967296 A 192.0.2.1", 3)]
    [InlineData("a 7102w A 192.0.2.1", 3)]
    [InlineData("a 1h30 A 192.0.2.1", 3)]
    public void Ttl_beyond_32_bits_or_with_digits_after_the_last_unit_is_refused(string text, int column) =>
        AssertError(SingleError(text + "\n"), 1, column, "bad TTL");

    [Fact]
    public void Quoted_owner_names_as_bind_reads_them()
    {
        // A quoted owner is a name like an unquoted one: dots separate labels, escapes count,
        // blanks and semicolons need no backslash.
        Assert.Equal(
        [
            "a\\032b.example.com.\t60\tIN\tA\t192.0.2.1",
            "x.y.example.com.\t60\tIN\tA\t192.0.2.2",
            "q\\\"q\\;\\(.example.com.\t60\tIN\tA\t192.0.2.3",
            "example.com.\t60\tIN\tA\t192.0.2.4",
            "example.com.\t60\tIN\tA\t192.0.2.5",
            "abs.example.net.\t60\tIN\tA\t192.0.2.6",
        ], Lines("$TTL 60\n\"a b\" A 192.0.2.1\n\"x.y\" A 192.0.2.2\n\"q\\\"q;(\" A 192.0.2.3\n\"@\" A 192.0.2.4\n  A 192.0.2.5\n\"abs.example.net.\" A 192.0.2.6\n"));
    }

    [Fact]
    public void A_quoted_first_word_that_starts_with_a_dollar_is_a_directive_as_in_bind()
    {
        Assert.Equal(5u, Assert.Single(Parse("\"$TTL\" 5\na A 192.0.2.1\n").Records).Ttl);
        AssertError(SingleError("\"\" A 192.0.2.1\n"), 1, 1, "bad owner name '': empty name");
    }

    [Theory]
    [InlineData("a CNAME \"b\"", 9)]
    [InlineData("a MX 10 \"b\"", 9)]
    [InlineData("a MX \"10\" b", 6)]
    [InlineData("a \"60\" A 192.0.2.1", 3)]
    [InlineData("$ORIGIN \"sub\"", 9)]
    public void Quoted_strings_are_refused_where_bind_refuses_them(string text, int column) =>
        Assert.Equal((1, column), (SingleError(text + "\n").Line, SingleError(text + "\n").Column));

    [Fact]
    public void At_sign_is_the_origin_and_blank_start_takes_the_previous_owner()
    {
        Assert.Equal(
        [
            "example.com.\t60\tIN\tMX\t10 mx.example.com.",
            "example.com.\t60\tIN\tA\t192.0.2.1",
            "a.example.com.\t60\tIN\tA\t192.0.2.2",
            "a.example.com.\t60\tIN\tA\t192.0.2.3",
        ], Lines("$TTL 60\n@ MX 10 mx\n  A 192.0.2.1\na A 192.0.2.2\n\t; comment\n\tA 192.0.2.3\n"));
    }

    [Fact]
    public void Type_and_class_names_can_be_owners_at_the_start_of_a_line()
    {
        // Like BIND: the first word of a line that does not start with a blank is always the owner.
        Assert.Equal(
        [
            "300.example.com.\t60\tIN\tA\t192.0.2.1",
            "in.example.com.\t60\tIN\tA\t192.0.2.2",
            "a.example.com.\t60\tIN\tA\t192.0.2.3",
            "mx.example.com.\t60\tIN\tMX\t1 a.example.com.",
        ], Lines("$TTL 60\n300 IN A 192.0.2.1\nIN A 192.0.2.2\nA A 192.0.2.3\nMX MX 1 A\n"));
    }

    [Fact]
    public void Owner_case_is_kept_in_the_record()
    {
        var record = Assert.Single(Parse("WWW.Example.COM. 60 A 192.0.2.1\n").Records);
        Assert.Equal("WWW.Example.COM.", record.Owner.ToString());
    }

    [Fact]
    public void Ttl_is_inherited_from_ttl_directive_then_from_the_last_explicit_ttl()
    {
        Assert.Equal([100u, 100u, 200u, 50u, 7u, 50u], Parse(
            "a 100 A 192.0.2.1\nb A 192.0.2.2\nc 200 A 192.0.2.3\n$TTL 50\nd A 192.0.2.4\ne 7 A 192.0.2.5\nf A 192.0.2.6\n")
            .Records.Select(r => r.Ttl));
    }

    [Fact]
    public void Inheriting_the_previous_ttl_warns_once()
    {
        var result = Parse("a 100 A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n");
        Assert.Equal("test.zone:2: no TTL given and no $TTL; using the previous record's TTL (100), and so on for later records",
            Assert.Single(result.Warnings));
        Assert.Empty(Parse("$TTL 5\na A 192.0.2.1\n").Warnings);
    }

    [Fact]
    public void Soa_without_any_ttl_takes_its_minimum_with_a_warning()
    {
        // SOA in the generic form: MNAME ".", RNAME ".", serial 1, refresh 2, retry 3, expire 4, minimum 5.
        // As in BIND, MINIMUM then serves as $TTL: c takes 5, not the 9 given before it.
        var result = Parse("@ SOA \\# 22 00 00 00000001 00000002 00000003 00000004 00000005\n  A 192.0.2.1\nb 9 A 192.0.2.2\nc A 192.0.2.3\n$TTL 7\nd A 192.0.2.4\n");
        Assert.True(result.Success);
        Assert.Equal([5u, 5u, 9u, 5u, 7u], result.Records.Select(r => r.Ttl));
        Assert.Equal("test.zone:1: no TTL given and no $TTL; the SOA MINIMUM (5) is the default TTL from here on, as if $TTL had set it",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void Generic_rdata_for_unknown_and_known_types()
    {
        Assert.Equal(
        [
            "a.example.com.\t60\tIN\tTYPE65280\t\\# 4 0A000001",
            "b.example.com.\t60\tIN\tA\t10.0.0.1",
            "c.example.com.\t60\tIN\tTYPE65280\t\\# 0",
        ], Lines("a 60 TYPE65280 \\# 4 0A000001\nb 60 A \\# 4 0A 00 00 01\nc 60 TYPE65280 \\# 0\n"));
    }

    [Fact]
    public void Long_generic_rdata_split_over_words_and_lines()
    {
        var records = Lines("a 60 TYPE65280 \\# 8 (\n  0A00\n  0001 ; first half\n  0A000002 )\n");
        Assert.Equal(["a.example.com.\t60\tIN\tTYPE65280\t\\# 8 0A0000010A000002"], records);
    }

    [Fact]
    public void Records_carry_file_and_line()
    {
        var result = Parse("\n$TTL 60\na MX ( 10\n  mx )\nb A 192.0.2.1\n");
        Assert.Equal(["test.zone:3", "test.zone:5"], result.Records.Select(r => r.Location));
    }

    [Fact]
    public void Escaped_owner_characters()
    {
        var record = Assert.Single(Parse("a\\.b\\032c 60 A 192.0.2.1\n").Records);
        Assert.Equal(3, record.Owner.LabelCount);
        Assert.Equal("a\\.b\\032c.example.com.", record.Owner.ToString());
    }

    [Fact]
    public void Root_origin_makes_relative_names_absolute_under_the_root()
    {
        Assert.Equal(["a.b.\t60\tIN\tA\t192.0.2.1"], Lines("a.b 60 A 192.0.2.1\n", "."));
    }

    [Fact]
    public void Without_an_origin_absolute_names_work_and_the_origin_is_the_soa_owner()
    {
        var result = Parse("$TTL 60\nexample.net. SOA \\# 22 00 00 00000001 00000002 00000003 00000004 00000005\nwww.example.net. A 192.0.2.1\n", origin: null);
        Assert.True(result.Success);
        Assert.Equal("example.net.", result.Origin.ToString());
        Assert.Equal(RRType.A, result.Records[1].Type);
    }
}
