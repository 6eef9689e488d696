using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>NAPTR (RFC 3403 §4.1): order, preference, flags, services, regexp, replacement.</summary>
public class NaptrRecordTests
{
    // RFC 3403 §6.2's examples (with the backslashes a zone file needs), printed as BIND prints them.
    [Theory]
    [InlineData("100 10 \"\" \"\" \"!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i\" .",
                "100 10 \"\" \"\" \"!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i\" .")]
    [InlineData("100 50 \"s\" \"z3950+I2L+I2C\" \"\" _z3950._tcp.gatech.edu.",
                "100 50 \"s\" \"z3950+I2L+I2C\" \"\" _z3950._tcp.gatech.edu.")]
    [InlineData("100 50 \"s\" \"http+I2L+I2C+I2R\" \"\" _http._tcp.Gatech.edu.",
                "100 50 \"s\" \"http+I2L+I2C+I2R\" \"\" _http._tcp.gatech.edu.")]
    [InlineData("100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .",
                "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .")]
    [InlineData("1 2 a b \"\" next", "1 2 \"a\" \"b\" \"\" next.example.")]
    [InlineData("1 2 \"\" \"\" \"/a\\\\/b/c/\" .", "1 2 \"\" \"\" \"/a\\\\/b/c/\" .")] // an escaped delimiter
    public void Round_trips(string text, string expected) => AssertRoundTrip(RRType.NAPTR, text, expected);

    [Fact]
    public void Exact_wire_bytes_of_a_simple_record() =>
        Assert.Equal(Hex("0064 000A 01 75 07 4532552b736970 05 2178217921 00"),
            Parse(RRType.NAPTR, "100 10 u E2U+sip \"!x!y!\" ."));

    // RFC 3597 §4: receivers SHOULD decompress NAPTR's replacement.
    [Fact]
    public void Compressed_replacement_in_a_message_is_decompressed()
    {
        var (message, offset) = Message(RRType.NAPTR, Hex("0064 0032 01 73 00 00 04 5F534950 C00C"));
        Assert.Equal("100 50 \"s\" \"\" \"\" _sip.example.", Format(RRType.NAPTR, ReadWire(RRType.NAPTR, message, offset, 15)));
    }

    [Theory]
    [InlineData("1 2 \"\" \"\" \"c\" d.", 11)] // no delimiters
    [InlineData("1 2 \"\" \"\" \"!x!y\" d.", 11)] // missing the last delimiter
    [InlineData("1 2 \"\" \"\" \"!x!y!z\" d.", 11)] // z is no flag
    [InlineData("1 2 \"\" \"\" \"1x1y1\" d.", 11)] // a digit cannot be the delimiter
    [InlineData("1 2 \"\" \"\" \"!!y!\" d.", 11)] // empty regular expression
    [InlineData("1 2 \"\" \"\" \"\\\\x\\\\y\\\\\" d.", 11)] // a backslash cannot be the delimiter
    [InlineData("1 2 \"\" \"\" \"!x!y!\" \"d.\"", 19)]
    [InlineData("1 2 \"\" \"\" \"\"", 13)] // replacement missing
    [InlineData("1 2 \"\" \"\"", 10)] // regexp missing
    [InlineData("1 2 \"\" \"\" \"\" . .", 16)]
    [InlineData("65536 2 \"\" \"\" \"\" .", 1)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.NAPTR, text, column);

    [Fact]
    public void Too_long_character_string_is_refused() =>
        AssertTextError(RRType.NAPTR, "1 2 \"\" \"" + new string('s', 256) + "\" \"\" .", 8);

    [Fact]
    public void Bad_wire_is_refused()
    {
        AssertWireError(RRType.NAPTR, Hex("0001 0002 00 00 01 63 00")); // regexp "c"
        AssertWireError(RRType.NAPTR, Hex("0001 0002 00 00 00")); // replacement missing
        AssertWireError(RRType.NAPTR, Hex("0001 0002 00 00 00 00 00")); // octet left over
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.NAPTR, "1 2 \"\" \"\" \"\" ."), Parse(RRType.NAPTR, "\\# 8 0001 0002 00 00 00 00"));
        AssertTextError(RRType.NAPTR, "\\# 9 0001 0002 00 00 01 63 00", 1);
    }
}
