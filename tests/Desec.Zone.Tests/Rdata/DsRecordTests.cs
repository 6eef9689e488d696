using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>DS (RFC 4034 §5) and CDS (RFC 7344 §3.1, RFC 8078 §4).</summary>
public class DsRecordTests
{
    // RFC 4034 §5.4 "DS RR Example".
    [Fact]
    public void Rfc4034_5_4_example_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.DS, "60485 5 1 ( 2BB183AF5F22588179A53B0A98631FAD1A292118 )",
            "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
        Assert.Equal(Convert.FromHexString("EC45" + "05" + "01" + "2BB183AF5F22588179A53B0A98631FAD1A292118"), wire);
    }

    [Theory] // RFC 6605 §6.1, §6.2 and RFC 8080 §6.1: lower-case hex is read, upper case printed (as BIND does).
    [InlineData("55648 13 2 b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17")]
    [InlineData("10771 14 4 72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6")]
    [InlineData("3613 15 2 3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b")]
    public void Rfc_examples_round_trip(string text)
    {
        foreach (ushort type in new[] { RRType.DS, RRType.CDS })
        {
            AssertRoundTrip(type, text, text.ToUpperInvariant());
        }
    }

    [Fact]
    public void Digest_may_be_split_over_words_and_lines() =>
        AssertRoundTrip(RRType.DS, "55648 13 2 ( b4c8c1fe2e7477127b27115656ad6256\n f424625bf5c1e2770ce6d6e37df61d17 )",
            "55648 13 2 B4C8C1FE2E7477127B27115656AD6256F424625BF5C1E2770CE6D6E37DF61D17");

    [Fact]
    public void Algorithm_and_digest_type_mnemonics_are_read_and_printed_as_numbers() =>
        AssertRoundTrip(RRType.DS, "55648 ECDSAP256SHA256 SHA-256 " + new string('f', 64), "55648 13 2 " + new string('F', 64));

    // RFC 8078 §4 as corrected by erratum 5049: the digest is one zero octet.
    [Fact]
    public void Cds_delete_record_round_trips()
    {
        var wire = AssertRoundTrip(RRType.CDS, "0 0 0 00", "0 0 0 00");
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, wire);
    }

    [Theory]
    [InlineData(1, 20, "RFC 4034 §5.1.4")]
    [InlineData(2, 32, "RFC 4509 §2.2")]
    [InlineData(4, 48, "RFC 6605 §2")]
    public void A_sha_digest_has_its_length_in_text_and_on_the_wire(int digestType, int length, string rfc)
    {
        // As BIND checks; GOST (3) and unassigned digest types take any length.
        foreach (ushort type in new[] { RRType.DS, RRType.CDS })
        {
            foreach (int wrong in new[] { 1, length - 1, length + 1 })
            {
                string digest = new('A', 2 * wrong);
                var error = AssertTextError(type, $"1 8 {digestType} {digest}");
                Assert.Equal((7, $"digest of {wrong} octets: type {digestType} takes {length} ({rfc})"), (error.Column, error.Reason));
                AssertWireError(type, Convert.FromHexString($"000108{digestType:x2}{digest}"));
            }
            AssertRoundTrip(type, $"1 8 {digestType} {new string('A', 2 * length)}", $"1 8 {digestType} {new string('A', 2 * length)}");
        }
        AssertRoundTrip(RRType.DS, "1 8 3 00", "1 8 3 00");
        AssertRoundTrip(RRType.DS, "1 8 9 00", "1 8 9 00");
    }

    [Theory]
    [InlineData("60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A29211")] // odd number of hex digits
    [InlineData("60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A29211G")] // not hex
    [InlineData("60485 5 1")] // no digest
    [InlineData("60485 NOSUCHALG 1 00")]
    [InlineData("65536 5 1 00")]
    [InlineData("60485 5 256 00")]
    public void Bad_text_is_a_zone_text_error(string text)
    {
        AssertTextError(RRType.DS, text);
        AssertTextError(RRType.CDS, text);
    }

    [Fact]
    public void Bad_hex_error_points_at_the_word()
    {
        var e = AssertTextError(RRType.DS, "60485 5 1 00 zz");
        Assert.Equal(1, e.Line);
        Assert.Equal(11, e.Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EC450501")] // no digest
    [InlineData("EC4505")]
    public void Short_wire_is_a_wire_error(string hex) => AssertWireError(RRType.DS, Convert.FromHexString(hex));
}
