using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>NSEC (RFC 4034 §4).</summary>
public class NsecRecordTests
{
    // RFC 4034 §4.3 "NSEC RR Example", with the RDATA octets the section prints.
    [Fact]
    public void Rfc4034_4_3_example_has_the_printed_wire()
    {
        var wire = AssertRoundTrip(RRType.NSEC, "host.example.com. ( A MX RRSIG NSEC TYPE1234 )",
            "host.example.com. A MX RRSIG NSEC TYPE1234");
        byte[] expected =
        [
            0x04, (byte)'h', (byte)'o', (byte)'s', (byte)'t',
            0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e',
            0x03, (byte)'c', (byte)'o', (byte)'m', 0x00,
            0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03,
            0x04, 0x1b, .. new byte[26], 0x20,
        ];
        Assert.Equal(expected, wire);
    }

    [Fact]
    public void Types_in_any_order_are_printed_in_ascending_order() =>
        AssertRoundTrip(RRType.NSEC, "b.example. TYPE1234 nsec rrsig A A", "b.example. A RRSIG NSEC TYPE1234");

    // RFC 6840 §5.1: names in NSEC RDATA are not lower-cased in canonical form; keep them as given.
    [Fact]
    public void Next_name_keeps_its_letter_case() =>
        AssertRoundTrip(RRType.NSEC, "Zz.Example. A NSEC", "Zz.Example. A NSEC");

    [Fact]
    public void Relative_next_name_takes_the_origin() =>
        AssertRoundTrip(RRType.NSEC, "www A NSEC", "www.example. A NSEC");

    [Theory]
    [InlineData("b.example. A FOO")] // unknown type mnemonic in the bitmap
    [InlineData("b.example. A TYPE65536")]
    [InlineData("b.example. A \"NS\"")]
    [InlineData("b.example.")] // an NSEC lists at least itself (BIND refuses an empty bitmap too)
    [InlineData("a..example. A")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.NSEC, text);

    [Fact]
    public void Unknown_mnemonic_error_points_at_it()
    {
        var e = AssertTextError(RRType.NSEC, "b.example. A FOO");
        Assert.Equal(14, e.Column);
        Assert.Contains("FOO", e.Reason);
    }

    [Theory]
    [InlineData("016200" + "0001")] // truncated window header... length 1 without its octet
    [InlineData("016200" + "00")] // one octet: no length
    [InlineData("016200" + "000100")] // window ends with a zero octet
    [InlineData("016200" + "000140" + "000140")] // windows not ascending
    [InlineData("016200" + "002140" + "00000000000000000000000000000000000000000000000000000000000000" + "01")] // window length 33
    [InlineData("016200" + "0000")] // window length 0
    [InlineData("016200" + "000240")] // window runs past the end
    [InlineData("016200")] // empty bitmap
    [InlineData("0162")] // next name runs out
    public void Bad_wire_is_a_wire_error(string hex) => AssertWireError(RRType.NSEC, Convert.FromHexString(hex));

    [Fact]
    public void Compressed_next_name_is_a_wire_error()
    {
        byte[] prefix = Convert.FromHexString("076578616D706C6500");
        Assert.Throws<Desec.Zone.Wire.DnsWireException>(() =>
            ReadWire(RRType.NSEC, Convert.FromHexString("C000" + "000140"), prefix));
    }
}
