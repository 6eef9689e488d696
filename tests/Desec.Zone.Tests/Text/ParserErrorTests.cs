using static Desec.Zone.Tests.Text.ZoneText;

namespace Desec.Zone.Tests.Text;

/// <summary>Every error names file, line, column and what was expected; parsing goes on after each.</summary>
public class ParserErrorTests
{
    [Theory]
    [InlineData("a 60 FOO 1.2.3.4", 1, 6, "unknown type 'FOO': expected class IN or a record type")]
    [InlineData("a FOO 1.2.3.4", 1, 3, "unknown type 'FOO': expected a TTL, class IN or a record type")]
    [InlineData("a IN 60 FOO 1.2.3.4", 1, 9, "unknown type 'FOO': expected a record type")]
    [InlineData("a 60 A 1.2.3.4\n  $TTL 60", 2, 3, "unknown type '$TTL': expected a TTL, class IN or a record type (a directive must start at the beginning of its line)")]
    [InlineData("a 60 IN IN A 1.2.3.4", 1, 9, "unknown type 'IN'")]
    [InlineData("a 60 TYPE65536 1.2.3.4", 1, 6, "unknown type 'TYPE65536'")]
    [InlineData("a 60 IN ANY 1.2.3.4", 1, 9, "type ANY is a meta or query type")]
    [InlineData("a 60 AXFR 1.2.3.4", 1, 6, "type AXFR is a meta or query type")]
    [InlineData("a 60 ANY 1.2.3.4", 1, 6, "class ANY is not supported")]
    [InlineData("a 60 OPT \\# 0", 1, 6, "type OPT is a meta or query type")]
    [InlineData("a 1x A 1.2.3.4", 1, 3, "bad TTL '1x': expected seconds or units like 1w2d3h4m5s, at most 4294967295")]
    [InlineData("a 4294967296 A 1.2.3.4", 1, 3, "bad TTL '4294967296'")]
    [InlineData("a 1h1 A 1.2.3.4", 1, 3, "bad TTL '1h1'")]
    [InlineData("a 60 CH A 1.2.3.4", 1, 6, "class CH is not supported: only class IN zones are served")]
    [InlineData("a HS 60 A 1.2.3.4", 1, 3, "class HS is not supported")]
    [InlineData("a CLASS3 A 1.2.3.4", 1, 3, "class CLASS3 is not supported")]
    [InlineData("a 60 A", 1, 7, "expected address, found the end of the record")]
    [InlineData("a 60 MX 10", 1, 11, "found the end of the record")]
    [InlineData("a 60 IN", 1, 8, "expected a TTL, class or type, found the end of the entry")]
    [InlineData("a", 1, 2, "expected a TTL, class or type, found the end of the entry")]
    [InlineData("a 60 A 1.2.3.4 5.6.7.8", 1, 16, "unexpected '5.6.7.8' after the RDATA")]
    [InlineData("a 60 A 1.2.3", 1, 8, "address")]
    [InlineData("a 60 \"A\" 1.2.3.4", 1, 6, "expected a TTL, class or type, found a quoted string")]
    [InlineData("a \"60\" A 1.2.3.4", 1, 3, "expected a TTL, class or type, found a quoted string")]
    [InlineData("a..b 60 A 1.2.3.4", 1, 1, "bad owner name 'a..b': empty label")]
    [InlineData("  60 A 1.2.3.4", 1, 3, "this entry starts with a blank, so it takes the previous owner name, but there is none yet")]
    [InlineData("a A 1.2.3.4", 1, 1, "no TTL for this record: give one on the record or set a default with $TTL")]
    [InlineData("a 60 TYPE65280 \\# 2 0A", 1, 21, "generic RDATA holds 1 octets, but its length says 2")]
    [InlineData("a 60 A \\# 3 0A0000", 1, 8, "generic RDATA is not valid for this type")]
    [InlineData("a 60 A ( 1.2.3.4", 1, 8, "'(' is never closed")]
    [InlineData("a 60 A 1.2.3.4 )", 1, 16, "')' without a matching '('")]
    [InlineData("a 60 TYPE65280 \"open", 1, 16, "quoted string is not closed on its line (expected '\"')")]
    public void Record_errors(string text, int line, int column, string reason)
    {
        var error = SingleError(text + "\n");
        Assert.Equal("test.zone", error.Location);
        AssertError(error, line, column, reason);
        Assert.Equal($"test.zone:{line}:{column}: {error.Reason}", error.Message);
    }

    [Fact]
    public void Relative_owner_with_no_origin()
    {
        AssertError(SingleError("www 60 A 192.0.2.1\n", origin: null), 1, 1, "bad owner name 'www': relative name with no origin");
        AssertError(SingleError("@ 60 A 192.0.2.1\n", origin: null), 1, 1, "bad owner name '@': '@' with no origin");
        AssertError(SingleError("$ORIGIN sub\n", origin: null), 1, 9, "bad origin 'sub': relative name with no origin");
    }

    [Fact]
    public void Relative_name_in_rdata_with_no_origin()
    {
        AssertError(SingleError("a.example. 60 MX 10 mx\n", origin: null), 1, 21, "relative name with no origin");
        Assert.True(Parse("$ORIGIN example.\na 60 MX 10 mx\n", origin: null).Success);
    }

    [Fact]
    public void All_errors_are_collected_in_file_order_and_good_records_kept()
    {
        var result = Parse("""
            $TTL 60
            a A 192.0.2.1
            b FOO 1
            c TXT "open
            d A 192.0.2.4
            e CH A 192.0.2.5
            f A ( 192.0.2.6
              ) )
            g A 192.0.2.7
            $GENERATE 2-1 x A 1.1.1.1
            h MX 10
            $BAD
            i A 192.0.2.9
            """);
        Assert.Equal(["a", "d", "g", "i"], result.Records.Select(r => r.Owner.ToString()[..1]));
        Assert.Equal([(3, 3), (4, 7), (6, 3), (8, 5), (10, 11), (11, 8), (12, 1)], result.Errors.Select(e => (e.Line, e.Column)));
        Assert.False(result.Success);
    }

    [Fact]
    public void An_error_in_one_entry_keeps_the_owner_for_the_next()
    {
        // The owner was read before the error, so a following blank-started entry still has it (as BIND).
        var result = Parse("$TTL 60\nwww FOO 1\n  A 192.0.2.1\n");
        Assert.Single(result.Errors);
        Assert.Equal("www.example.com.", Assert.Single(result.Records).Owner.ToString());
    }
}
