using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>RRSIG (RFC 4034 §3).</summary>
public class RrsigRecordTests
{
    private const string Rfc4034Signature =
        "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=";

    // RFC 4034 §3.3 "RRSIG RR Example", as printed over several lines.
    [Fact]
    public void Rfc4034_3_3_example_round_trips_with_exact_wire()
    {
        const string text = """
            A 5 3 86400 20030322173103 (
                                  20030220173103 2642 example.com.
                                  oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr
                                  PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o
                                  B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t
                                  GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG
                                  J5D6fwFm8nN+6pBzeDQfsS3Ap3o= )
            """;
        var wire = AssertRoundTrip(RRType.RRSIG, text,
            "A 5 3 86400 20030322173103 20030220173103 2642 example.com. " + Rfc4034Signature);
        byte[] expectedStart = Convert.FromHexString(
            "0001" + "05" + "03" + "00015180" + "3E7C9DD7" + "3E5510D7" + "0A52" + "076578616D706C6503636F6D00");
        Assert.Equal(expectedStart, wire[..expectedStart.Length]);
        Assert.Equal(Convert.FromBase64String(Rfc4034Signature), wire[expectedStart.Length..]);
    }

    // RFC 6605 §6.1; the comment in the test data gives the epoch seconds.
    [Fact]
    public void Rfc6605_example_and_times_in_seconds()
    {
        const string sig = "qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==";
        string expected = $"A 13 3 3600 20100909100439 20100812100439 55648 example.net. {sig}";
        var fromDates = AssertRoundTrip(RRType.RRSIG, $"A 13 3 3600 20100909100439 20100812100439 55648 example.net. {sig}", expected);
        var fromSeconds = AssertRoundTrip(RRType.RRSIG, $"A ECDSAP256SHA256 3 3600 1284026679 1281607479 55648 example.net. {sig}", expected);
        Assert.Equal(fromDates, fromSeconds);
        Assert.Equal(Convert.FromHexString("4C88B1374C63C737"), fromDates[8..16]);
    }

    // RFC 4034 §6.2 item 3 as kept by RFC 6840 §5.1: the signer's name is lower-cased.
    [Fact]
    public void Signers_name_is_lower_cased_and_relative_names_take_the_origin()
    {
        AssertRoundTrip(RRType.RRSIG, "MX 15 2 3600 20150819220000 20150729220000 3613 Example.COM. AQID",
            "MX 15 2 3600 20150819220000 20150729220000 3613 example.com. AQID");
        AssertRoundTrip(RRType.RRSIG, "MX 15 2 3600 20150819220000 20150729220000 3613 @ AQID",
            "MX 15 2 3600 20150819220000 20150729220000 3613 example. AQID");
        var upper = Parse(RRType.RRSIG, "A 13 2 60 0 0 1 EXAMPLE. AQID");
        Assert.Equal("A 13 2 60 19700101000000 19700101000000 1 example. AQID", AssertWireRoundTrip(RRType.RRSIG, upper));
    }

    [Fact]
    public void Uppercase_signer_on_the_wire_is_lower_cased()
    {
        var canonical = Parse(RRType.RRSIG, "A 13 2 60 0 0 1 example. AQID");
        var upper = (byte[])canonical.Clone();
        upper[19] = (byte)'E';
        Assert.Equal(canonical, ReadWire(RRType.RRSIG, upper));
    }

    [Theory]
    [InlineData("TYPE1234 13 2 60 0 0 1 example. AQID", "TYPE1234 13 2 60 19700101000000 19700101000000 1 example. AQID")]
    [InlineData("type28 13 2 60 0 0 1 example. AQID", "AAAA 13 2 60 19700101000000 19700101000000 1 example. AQID")]
    [InlineData("nsec3param 13 2 60 4294967295 1 1 example. AQID", "NSEC3PARAM 13 2 60 21060207062815 19700101000001 1 example. AQID")]
    // RFC 4034 §3.1.5: times are modulo 2^32, so a date before 1970 wraps (BIND reads it the same way).
    [InlineData("A 13 2 60 19691231235959 20380119031408 1 example. AQID", "A 13 2 60 21060207062815 20380119031408 1 example. AQID")]
    public void Type_covered_and_times(string text, string expected) => AssertRoundTrip(RRType.RRSIG, text, expected);

    [Theory]
    [InlineData("NOSUCHTYPE 13 2 60 0 0 1 example. AQID")] // unknown type mnemonic
    [InlineData("TYPE65536 13 2 60 0 0 1 example. AQID")]
    [InlineData("A 13 2 1h 0 0 1 example. AQID")] // the original TTL is a plain number (RFC 4034 §3.2)
    [InlineData("A 13 2 60 20101301000000 0 1 example. AQID")] // month 13
    [InlineData("A 13 2 60 20100230000000 0 1 example. AQID")] // 30 February
    [InlineData("A 13 2 60 2010090910043 0 1 example. AQID")] // 13 digits: too big for seconds
    [InlineData("A 13 2 60 4294967296 0 1 example. AQID")]
    [InlineData("A 13 2 60 2010-09-09 0 1 example. AQID")]
    [InlineData("A 13 2 60 0 0 1 example. AQ=D")] // bad base64
    [InlineData("A 13 2 60 0 0 1 example.")] // no signature
    [InlineData("A 13 2 60 0 0 1 a..b AQID")] // bad name
    [InlineData("A 13 256 60 0 0 1 example. AQID")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.RRSIG, text);

    [Fact]
    public void Bad_time_error_names_the_field()
    {
        var e = AssertTextError(RRType.RRSIG, "A 13 2 60 20101301000000 0 1 example. AQID");
        Assert.Contains("signature expiration", e.Reason);
        Assert.Equal(11, e.Column);
    }

    [Fact]
    public void Compressed_signer_is_a_wire_error()
    {
        // RFC 4034 §3.1.7: the signer's name is never compressed. The pointer points at "example." in the prefix.
        byte[] prefix = Convert.FromHexString("076578616D706C6500");
        byte[] rdata = Convert.FromHexString("0001" + "0D" + "02" + "0000003C" + "00000000" + "00000000" + "0001" + "C000" + "010203");
        Assert.Throws<Desec.Zone.Wire.DnsWireException>(() => ReadWire(RRType.RRSIG, rdata, prefix));
    }

    [Theory]
    [InlineData("0001")]
    [InlineData("00010D020000003C00000000000000000001")] // ends before the signer
    [InlineData("00010D020000003C0000000000000000000107")] // signer's label runs out
    [InlineData("00010D020000003C000000000000000000010765")]
    [InlineData("00010D020000003C00000000000000000001076578616D706C6500")] // no signature
    public void Truncated_wire_is_a_wire_error(string hex) => AssertWireError(RRType.RRSIG, Convert.FromHexString(hex));
}
