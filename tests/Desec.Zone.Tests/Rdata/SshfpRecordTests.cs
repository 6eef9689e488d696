using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>SSHFP (RFC 4255 §3).</summary>
public class SshfpRecordTests
{
    // RFC 4255 §3.3 "Presentation Format of the SSHFP RR".
    [Fact]
    public void Rfc4255_3_3_example_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.SSHFP, "2 1 123456789abcdef67890123456789abcdef67890",
            "2 1 123456789ABCDEF67890123456789ABCDEF67890");
        Assert.Equal(Convert.FromHexString("0201123456789abcdef67890123456789abcdef67890"), wire);
    }

    [Fact]
    public void Fingerprint_may_be_split() =>
        AssertRoundTrip(RRType.SSHFP, "4 2 ( 12345678 12345678 12345678 12345678 12345678 12345678 12345678 12345678 )",
            "4 2 " + string.Concat(Enumerable.Repeat("12345678", 8)));

    [Theory]
    [InlineData("4 1 1234", "fingerprint of 2 octets: type 1 takes 20 (RFC 4255 §3.1.2)")]
    [InlineData("4 2 0102030405060708090a0b0c0d0e0f1011121314", "fingerprint of 20 octets: type 2 takes 32 (RFC 6594 §4)")]
    public void A_sha1_or_sha256_fingerprint_has_its_length_in_text_and_on_the_wire(string text, string reason)
    {
        // As BIND checks; another fingerprint type takes any length.
        var error = AssertTextError(RRType.SSHFP, text);
        Assert.Equal((reason, 5), (error.Reason, error.Column));
        string[] fields = text.Split(' ');
        Assert.Contains(reason, AssertWireError(RRType.SSHFP, Convert.FromHexString($"{int.Parse(fields[0]):x2}{int.Parse(fields[1]):x2}{fields[2]}")).Reason);
        AssertRoundTrip(RRType.SSHFP, "4 3 1234", "4 3 1234");
    }

    [Theory]
    [InlineData("2 1")]
    [InlineData("2 1 12345")]
    [InlineData("2 1 zz")]
    [InlineData("2 -1 12")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.SSHFP, text);

    [Theory]
    [InlineData("0201")]
    [InlineData("02")]
    public void Short_wire_is_a_wire_error(string hex) => AssertWireError(RRType.SSHFP, Convert.FromHexString(hex));
}
