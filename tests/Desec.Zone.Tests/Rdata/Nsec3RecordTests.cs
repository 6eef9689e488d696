using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>NSEC3 (RFC 5155 §3) and NSEC3PARAM (RFC 5155 §4).</summary>
public class Nsec3RecordTests
{
    /// <summary>The NSEC3 chain of RFC 5155 Appendix A (RDATA only), type lists in type-number order.</summary>
    public static readonly TheoryData<string> Rfc5155AppendixAChain =
    [
        "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM",
        "1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG",
        "1 1 12 aabbccdd 35mthgpgcu1qg68fab165klnsnk3dpvl MX RRSIG",
        "1 1 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG",
        "1 1 12 aabbccdd gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG",
        "1 1 12 aabbccdd ji6neoaepv8b5o6k4ev33abha8ht9fgc A HINFO AAAA RRSIG",
        "1 1 12 aabbccdd k8udemvp1j2f7eg6jebps17vp3n8i58h",
        "1 1 12 aabbccdd kohar7mbb8dc2ce8a9qvl8hon4k53uhi",
        "1 1 12 aabbccdd q04jkcevqvmu85r014c7dkba38o0ji5r A RRSIG",
        "1 1 12 aabbccdd r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG",
        "1 1 12 aabbccdd t644ebqk9bibcna874givr6joj62mlhv MX RRSIG",
        "1 1 12 aabbccdd 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A HINFO AAAA RRSIG",
    ];

    // Printed back equal to the RFC text modulo the letter case of the hex salt (printed upper case, as BIND does).
    [Theory]
    [MemberData(nameof(Rfc5155AppendixAChain))]
    public void Rfc5155_appendix_a_chain_round_trips(string text)
    {
        var wire = AssertRoundTrip(RRType.NSEC3, text, text.Replace("aabbccdd", "AABBCCDD"));
        Assert.Equal(Convert.FromHexString("0101000C04AABBCCDD14"), wire[..10]);
        Assert.Equal(10 + 20, wire.Length - TypeBitmapLength(text));
    }

    // RFC 5155 Appendix A as printed: parentheses over two lines, the types in no particular order.
    [Fact]
    public void Rfc5155_appendix_a_as_printed()
    {
        const string text = """
            1 1 12 aabbccdd (
                  2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS
                  SOA NSEC3PARAM RRSIG )
            """;
        AssertRoundTrip(RRType.NSEC3, text,
            "1 1 12 AABBCCDD 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM");
    }

    // The NSEC3 example of RFC 7129 (example.org), which prints the next hashed owner in upper case.
    [Fact]
    public void Rfc7129_example()
    {
        var wire = AssertRoundTrip(RRType.NSEC3, "1 0 2 DEAD A6EDKB6V8VL5OL8JNQQLT74QMJ7HEB84 NS SOA RRSIG DNSKEY NSEC3PARAM",
            "1 0 2 DEAD a6edkb6v8vl5ol8jnqqlt74qmj7heb84 NS SOA RRSIG DNSKEY NSEC3PARAM");
        Assert.Equal(Convert.FromHexString("01000002" + "02DEAD" + "14"), wire[..8]);
    }

    // RFC 5155 Appendix A prints the hashes upper case in places; both cases are read, lower case printed.
    [Fact]
    public void Next_hashed_owner_in_upper_case_is_read_and_printed_in_lower_case() =>
        AssertRoundTrip(RRType.NSEC3, "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG",
            "1 1 12 AABBCCDD 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG");

    [Fact]
    public void Empty_salt_and_empty_bitmap_have_the_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.NSEC3, "1 0 0 - k8udemvp1j2f7eg6jebps17vp3n8i58h", "1 0 0 - k8udemvp1j2f7eg6jebps17vp3n8i58h");
        Assert.Equal(Convert.FromHexString("01000000" + "00" + "14" + "A23CD75BF90CC4F3BA069B979E04FFC8EE891511"), wire);
    }

    [Fact]
    public void Wire_round_trip_with_a_bitmap_in_a_high_window()
    {
        // Hash algorithm 2 (unassigned), so that a one-octet hash is allowed.
        byte[] wire = Convert.FromHexString("02010001" + "01FF" + "01AA" + "000140" + "FF0101");
        Assert.Equal("2 1 1 FF l8 A TYPE65287", AssertWireRoundTrip(RRType.NSEC3, wire));
    }

    [Theory]
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22boj A")] // 31 characters: bad trailing bits
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojw A")] // w is not base32hex
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr==== A")] // no padding in NSEC3
    [InlineData("1 1 12 aabbccd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A")] // odd salt
    [InlineData("1 1 12 xyz 2t7b4g4vsa5smi47k61mv5bv1a22bojr A")] // bad salt
    [InlineData("1 1 12 \"\" 2t7b4g4vsa5smi47k61mv5bv1a22bojr A")]
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NOTATYPE")]
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bo A")] // SHA-1 hashes have 20 octets (RFC 5155 §3.2), as BIND checks
    [InlineData("2 1 12 aabbccdd 0000000000000000000000000000000000000000000000000000000000000000 A")] // 40 octets: more than a label holds
    [InlineData("1 1 65536 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr A")]
    [InlineData("1 1 12 aabbccdd")]
    [InlineData("1 1 12")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.NSEC3, text);

    [Fact]
    public void Salt_longer_than_255_octets_is_refused() =>
        AssertTextError(RRType.NSEC3, $"1 1 12 {new string('a', 512)} 2t7b4g4vsa5smi47k61mv5bv1a22bojr A");

    [Theory]
    [InlineData("01010001" + "01FF" + "00")] // empty next hashed owner
    [InlineData("01010001" + "01FF" + "02AA")] // hash runs past the end
    [InlineData("01010001" + "05FF")] // salt runs past the end
    [InlineData("01010001" + "01FF" + "01AA" + "000100")] // bitmap window ends with zero
    [InlineData("010100")]
    public void Bad_wire_is_a_wire_error(string hex) => AssertWireError(RRType.NSEC3, Convert.FromHexString(hex));

    [Theory]
    [InlineData("1 0 12 aabbccdd", "1 0 12 AABBCCDD", "0100000C04AABBCCDD")] // RFC 5155 Appendix A
    [InlineData("1 0 0 -", "1 0 0 -", "0100000000")] // RFC 9276 §3.1 recommended parameters
    public void Nsec3param_round_trips(string text, string expected, string hex) =>
        Assert.Equal(Convert.FromHexString(hex), AssertRoundTrip(RRType.NSEC3PARAM, text, expected));

    [Theory]
    [InlineData("1 0 12")]
    [InlineData("1 0 12 aabbccdd extra")]
    [InlineData("1 0 12 -x")]
    public void Bad_nsec3param_text_is_a_zone_text_error(string text) => AssertTextError(RRType.NSEC3PARAM, text);

    [Theory]
    [InlineData("01000C04AABBCC")]
    [InlineData("01000C04AABBCCDD00")] // octets left over
    public void Bad_nsec3param_wire_is_a_wire_error(string hex) => AssertWireError(RRType.NSEC3PARAM, Convert.FromHexString(hex));

    private static int TypeBitmapLength(string text)
    {
        var types = text.Split(' ').Skip(5).Select(t => { Assert.True(RRType.TryParse(t, out ushort v)); return v; });
        return Desec.Zone.Text.TypeBitmap.Encode(types).Length;
    }
}
