using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>DNSKEY (RFC 4034 §2) and CDNSKEY (RFC 7344 §3.2, RFC 8078 §4).</summary>
public class DnskeyRecordTests
{
    private const string Rfc4034Section54Key =
        "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";

    // RFC 4034 §5.4: the DNSKEY whose RDATA (134 octets) the DS example digests.
    [Fact]
    public void Rfc4034_5_4_key_has_the_expected_wire()
    {
        var wire = AssertRoundTrip(RRType.DNSKEY, "256 3 5 " + Rfc4034Section54Key, "256 3 5 " + Rfc4034Section54Key);
        Assert.Equal(Convert.FromHexString(
            "0100030501039e8a247418e318903b215a848acfd5f37f026bd4062db26c774c690968d5d56df8bfda91e6f36d9a279888f41333357c5e6029990d10fdf5663062a512763326980a615ddbf17a05ddfcce7e5fb3abcca05a31b0957452d4521e83870789063115bf97f6c308ccf57cdc9ce7fe10f6ed1bd0cc0660038c50dcdb0feb963c2f17"),
            wire);
        Assert.Equal(134, wire.Length);
    }

    // RFC 4034 §2.3 "DNSKEY RR Example", as printed: parentheses and the key over several lines.
    [Fact]
    public void Rfc4034_2_3_example_split_over_lines()
    {
        const string text = """
            256 3 5 ( AQPSKmynfzW4kyBv015MUG2DeIQ3
                      Cbl+BBZH4b/0PY1kxkmvHjcZc8no
                      kfzj31GajIQKY+5CptLr3buXA10h
                      WqTkF7H6RfoRqXQeogmMHfpftf6z
                      Mv1LyBUgia7za6ZEzOJBOztyvhjL
                      742iU/TpPSEDhm2SNKLijfUppn1U
                      aNvv4w==  )
            """;
        AssertRoundTrip(RRType.DNSKEY, text,
            "256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==");
    }

    [Theory] // RFC 5155 Appendix A, RFC 6605 §6.1/§6.2, RFC 8080 §6.1/§6.2.
    [InlineData("256 3 7 AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LUsAD0QPWU+wzt89epO6tHzkMBVDkC7qphQO2hTY4hHn9npWFRw5BYubE=")]
    [InlineData("257 3 7 AwEAAcUlFV1vhmqx6NSOUOq2R/dsR7Xm3upJj7IommWSpJABVfW8Q0rOvXdM6kzt+TAu92L9AbsUdblMFin8CVF3n4s=")]
    [InlineData("257 3 13 GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")]
    [InlineData("257 3 14 xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40")]
    [InlineData("257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=")]
    [InlineData("257 3 16 3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA")]
    public void Rfc_example_keys_round_trip(string text)
    {
        AssertRoundTrip(RRType.DNSKEY, text, text);
        AssertRoundTrip(RRType.CDNSKEY, text, text);
    }

    [Theory]
    [InlineData("ECDSAP256SHA256", 13)]
    [InlineData("ecdsap384sha384", 14)]
    [InlineData("ED25519", 15)]
    [InlineData("Ed448", 16)]
    [InlineData("RSASHA256", 8)]
    [InlineData("RSASHA1-NSEC3-SHA1", 7)]
    [InlineData("DELETE", 0)]
    public void Algorithm_mnemonics_are_read_and_printed_as_numbers(string mnemonic, int number) =>
        AssertRoundTrip(RRType.DNSKEY, $"257 3 {mnemonic} AQID", $"257 3 {number} AQID");

    [Theory]
    [InlineData("ZONE", 256)]
    [InlineData("zone|noauth", 33024)]
    [InlineData("ZONE|", 256)]
    [InlineData("NOKEY|EXTEND|HOST|FLAG8|SIG15", 0xC000 | 0x1000 | 0x0200 | 0x0080 | 15)]
    [InlineData("0x101", 257)]
    [InlineData("0X0100", 256)]
    [InlineData("00257", 257)]
    public void Flags_as_bind_reads_them_are_printed_as_numbers(string flags, int number)
    {
        // RFC 2535 §3.1.2 names the KEY flags; BIND reads them (joined by '|') and hex after 0x.
        foreach (ushort type in new[] { RRType.DNSKEY, RRType.CDNSKEY })
        {
            AssertRoundTrip(type, $"{flags} 3 13 AQID", $"{number} 3 13 AQID");
        }
    }

    [Theory]
    [InlineData("NONE", 0)]
    [InlineData("tls", 1)]
    [InlineData("EMAIL", 2)]
    [InlineData("DNSSEC", 3)]
    [InlineData("IPSEC", 4)]
    [InlineData("ALL", 255)]
    public void Protocol_names_as_bind_reads_them(string protocol, int number) =>
        AssertRoundTrip(RRType.DNSKEY, $"256 {protocol} 13 AQID", $"256 {number} 13 AQID");

    // RFC 8078 §4 as corrected by erratum 5049.
    [Fact]
    public void Cdnskey_delete_record_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.CDNSKEY, "0 3 0 AA==", "0 3 0 AA==");
        Assert.Equal(new byte[] { 0, 0, 3, 0, 0 }, wire);
    }

    [Theory]
    [InlineData("257 3 13 AQI")] // base64 without its padding
    [InlineData("257 3 13 AQJ=")] // unused bits not zero (RFC 4648 §3.5): BIND refuses it, .NET would read AQI=
    [InlineData("257 3 13 AQ== AQ==")] // padding inside
    [InlineData("257 3 13 AQ*D")]
    [InlineData("257 3 13")] // no key
    [InlineData("257 3 NOTANALG AQID")]
    [InlineData("65536 3 13 AQID")]
    [InlineData("257 256 13 AQID")]
    [InlineData("257 3 13 \"AQID\"")] // quoted
    [InlineData("SEP 3 13 AQID")] // BIND names neither SEP nor REVOKE
    [InlineData("|ZONE 3 13 AQID")] // BIND reads the empty name as NOCONF, by accident
    [InlineData("0x10000 3 13 AQID")]
    [InlineData("0x 3 13 AQID")]
    public void Bad_text_is_a_zone_text_error(string text)
    {
        AssertTextError(RRType.DNSKEY, text);
        AssertTextError(RRType.CDNSKEY, text);
    }

    [Theory]
    [InlineData("010103")] // no key
    [InlineData("0101")]
    public void Short_wire_is_a_wire_error(string hex) => AssertWireError(RRType.DNSKEY, Convert.FromHexString(hex));
}
