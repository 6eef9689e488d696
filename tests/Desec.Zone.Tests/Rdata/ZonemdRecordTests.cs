using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>ZONEMD (RFC 8976 §2).</summary>
public class ZonemdRecordTests
{
    // RFC 8976 Appendix A.1 "Simple EXAMPLE Zone".
    [Fact]
    public void Rfc8976_a1_example_round_trips_with_exact_wire()
    {
        const string text = """
            2018031900 1 1 (
                                 c68090d90a7aed71
                                 6bc459f9340e3d7c
                                 1370d4d24b7e2fc3
                                 a1ddc0b9a87153b9
                                 a9713b3c9ae5cc27
                                 777f98b8e730044c )
            """;
        const string digest = "C68090D90A7AED716BC459F9340E3D7C1370D4D24B7E2FC3A1DDC0B9A87153B9A9713B3C9AE5CC27777F98B8E730044C";
        var wire = AssertRoundTrip(RRType.ZONEMD, text, "2018031900 1 1 " + digest);
        Assert.Equal(Convert.FromHexString("7848B91C" + "01" + "01" + digest), wire);
    }

    // RFC 8976 §2.2.4: at least 12 octets whatever the algorithm; longer or unknown algorithms are not checked here.
    [Fact]
    public void Digest_of_twelve_octets_for_any_algorithm_is_accepted() =>
        AssertRoundTrip(RRType.ZONEMD, "1 1 240 00112233445566778899aabb", "1 1 240 00112233445566778899AABB");

    [Theory]
    [InlineData("1 1 1 00112233445566778899aa")] // 11 octets
    [InlineData("1 1 1 00112233445566778899aabb")] // SHA-384 takes 48 (RFC 8976 §5.3), as BIND checks
    [InlineData("1 1 2 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")] // SHA-512: 64
    [InlineData("1 1 1")]
    [InlineData("1 1 1 0011223344556677889g9aabb")]
    [InlineData("1 256 1 00112233445566778899aabb")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.ZONEMD, text);

    [Theory]
    [InlineData("000000010101" + "00112233445566778899AA")] // 11 octets
    [InlineData("0000000101")]
    public void Bad_wire_is_a_wire_error(string hex) => AssertWireError(RRType.ZONEMD, Convert.FromHexString(hex));
}
