using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>
/// The types BIND reads in text that we once took only in the generic form (RFC 3597): each as
/// written, as printed (BIND's form) and as exact wire octets; and what is refused, as BIND
/// refuses it. The parity corpus (Interop.Tests, rare-types.zone) compares them with BIND octet
/// for octet.
/// </summary>
public class RareTypesTests
{
    public static TheoryData<string, string, string, string> RoundTrips => new()
    {
        // RFC 1035 §3.3.3, §3.3.6, §3.3.7, §3.3.8: names lower-cased in canonical form (RFC 4034 §6.2).
        { "MB", "Mail.Host.", "mail.host.", "046d61696c04686f737400" },
        { "MG", "m.", "m.", "016d00" },
        { "MR", "m.", "m.", "016d00" },
        { "MINFO", "R.x. E.x.", "r.x. e.x.", "01720178000165017800" },
        // RFC 1183 §2.2, §1, §3.3, §3.1, §3.2.
        { "RP", "Mbox.x. .", "mbox.x. .", "046d626f7801780000" },
        { "AFSDB", "1 H.", "1 h.", "00010168 00" },
        { "RT", "10 h.", "10 h.", "000a016800" },
        { "X25", "311061700956", "\"311061700956\"", "0c333131303631373030393536" },
        { "ISDN", "150862028003217 004", "\"150862028003217\" \"004\"", "0f313530383632303238303033323137 03303034" },
        { "ISDN", "\"+1 555\"", "\"+1 555\"", "062b3120353535" },
        // RFC 1706 §5; RFC 1348; RFC 2163 §4; RFC 1712 §3; RFC 2230 §3.1.
        { "NSAP", "0x47.0005.80", "0x47000580", "47000580" },
        { "NSAP-PTR", "Foo.", "Foo.", "03466f6f00" },
        { "PX", "10 A. B.", "10 a. b.", "000a0161000162 00" },
        { "GPOS", "-32.6 116.8 \"\"", "\"-32.6\" \"116.8\" \"\"", "052d33322e3605313136 2e3800" },
        { "KX", "10 K.", "10 k.", "000a016b00" },
        // RFC 1035 §3.4.2: bit n of the map is port n.
        { "WKS", "192.0.2.1 TCP 25 80", "192.0.2.1 6 25 80", "c0000201 06 0000004000000000000080" },
        { "WKS", "192.0.2.1 udp", "192.0.2.1 17", "c000020111" },
        // Nimrod EID and NIMLOC; ATMA (ATM Forum AF-DANS-0152.000); SINK.
        { "EID", "01 02 0A0b", "01020A0B", "01020a0b" },
        { "NIMLOC", "32251a03", "32251A03", "32251a03" },
        { "ATMA", "+358400", "+358400", "01333538343030" },
        { "ATMA", "39.246f", "39246f", "0039246f" },
        { "SINK", "1 0 0 AQID", "1 0 0 AQID", "010000010203" },
        { "SINK", "255 1 2", "255 1 2", "ff0102" },
        // RFC 4398 §2: types and algorithms printed by name, as BIND prints them.
        { "CERT", "PGP 0 0 AQID", "PGP 0 0 AQID", "0003000000010203" },
        { "CERT", "pkix 65535 ecdsap256sha256 AQID", "PKIX 65535 ECDSAP256SHA256 AQID", "0001ffff0d010203" },
        { "CERT", "100 1 200 AQID", "100 1 200 AQID", "006400 01c8 010203" },
        // RFC 2874 §3.1: the suffix in as few octets as hold it, pad bits cleared.
        { "A6", "0 2001:db8::1", "0 2001:db8::1", "0020010db8000000000000000000000001" },
        { "A6", "65 ::ffff:1:2:3:4 P.", "65 ::1:2:3:4 p.", "41 0001000200030004 017000" },
        { "A6", "128 P.", "128 p.", "80017000" },
        // RFC 3123 §4: the address without its trailing zero octets.
        { "APL", "1:192.168.32.0/21 !2:ff00::/8", "1:192.168.32.0/21 !2:ff00::/8", "00011503c0a820 00020881ff" },
        { "APL", "", "", "" },
        // RFC 4025 §3.1.
        { "IPSECKEY", "10 0 2 . AQID", "10 0 2 . AQID", "0a0002010203" },
        { "IPSECKEY", "10 1 2 192.0.2.38 AQID", "10 1 2 192.0.2.38 AQID", "0a0102c0000226010203" },
        { "IPSECKEY", "10 3 2 Gw. AQID", "10 3 2 Gw. AQID", "0a03020247770 0010203" },
        // RFC 4701 §3.4; RFC 8005 §5.
        { "DHCID", "( AAIB Y2/A )", "AAIBY2/A", "000201 63 6fc0" },
        { "HIP", "2 2001 AQID Rvs.", "2 2001 AQID Rvs.", "020200032001010203 03527673 00" },
        // RFC 6742 §2.1 to §2.4.
        { "NID", "10 0014:4fff:ff20:ee64", "10 14:4fff:ff20:ee64", "000a00144fffff20ee64" },
        { "L32", "10 10.1.2.0", "10 10.1.2.0", "000a0a010200" },
        { "L64", "10 2001:0DB8:1140:1000", "10 2001:db8:1140:1000", "000a20010db811401000" },
        { "LP", "10 L.", "10 L.", "000a014c00" },
        // RFC 7043 §3, §4.
        { "EUI48", "00-00-5E-00-53-2A", "00-00-5e-00-53-2a", "00005e00532a" },
        { "EUI48", "0-0-5e-0-53-2a", "00-00-5e-00-53-2a", "00005e00532a" },
        { "EUI64", "00-00-5e-ef-10-00-00-2a", "00-00-5e-ef-10-00-00-2a", "00005eef1000002a" },
        // TXT-like: NINFO, AVC, RESINFO (RFC 9606 §4), WALLET.
        { "NINFO", "a \"b c\"", "\"a\" \"b c\"", "0161036220 63" },
        { "RESINFO", "qnamemin", "\"qnamemin\"", "08716e616d656d696e" },
        { "AVC", "x", "\"x\"", "0178" },
        { "WALLET", "x", "\"x\"", "0178" },
        // TALINK; DOA (data "-" when empty).
        { "TALINK", "P. .", "P. .", "01500000" },
        { "DOA", "0 1 2 \"\" -", "0 1 2 \"\" -", "00000000 00000001 02 00" },
        { "DOA", "1 1 2 image/gif R0lG", "1 1 2 \"image/gif\" R0lG", "00000001000000010209696d6167652f676966474946" },
        // RFC 8777 §4: D in the high bit of the type octet.
        { "AMTRELAY", "0 0 0 .", "0 0 0 .", "0000" },
        { "AMTRELAY", "10 1 1 192.0.2.1", "10 1 1 192.0.2.1", "0a81c0000201" },
        { "AMTRELAY", "10 0 3 R.", "10 0 3 R.", "0a03015200" },
        // RFC 4431 (DLV), TA: the format of DS.
        { "TA", "1 13 7 ab", "1 13 7 AB", "00010d07ab" },
        { "DLV", "1 13 7 ab", "1 13 7 AB", "00010d07ab" },
        // RFC 9859 §2.1: type and scheme by name; BIND also reads the type as a number.
        { "DSYNC", "59 1 5359 T.", "CDS NOTIFY 5359 T.", "003b0114ef015400" },
        { "DSYNC", "CSYNC 200 53 .", "CSYNC 200 53 .", "003ec8003500" },
        // IANA (DRIP): opaque octets in base64.
        { "HHIT", "AQID BAUG", "AQIDBAUG", "010203040506" },
        { "BRID", "AQID", "AQID", "010203" },
        // RFC 2535 §3.1, §4.1, §5.2; the RKEY draft (flags 0).
        { "KEY", "ZONE|NOAUTH IPSEC RSASHA256 AQID", "33024 4 8 AQID", "810004 08 010203" },
        { "KEY", "NOKEY 3 13", "49152 3 13", "c000030d" },
        { "RKEY", "USER DNSSEC 13 AQID", "0 3 13 AQID", "0000030d010203" },
        { "SIG", "A 13 3 300 20300101000000 20200101000000 1 Ex. AQID", "A 13 3 300 20300101000000 20200101000000 1 ex. AQID",
          "00010d030000012c70dbd8805e0be1000001 02657800 010203" },
        { "NXT", "N. A MX TXT NXT", "n. A MX TXT NXT", "016e00 40018002" },
        { "NXT", "b. 1 15 127", "b. A MX 127", "016200 400100000000000000000000000000 01" },
        { "NXT", "b.", "b.", "016200" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Text_prints_as_bind_prints_it_with_the_exact_wire(string type, string text, string printed, string wireHex)
    {
        Assert.True(RRType.TryParse(type, out ushort number));
        var wire = AssertRoundTrip(number, text, printed);
        Assert.Equal(Convert.FromHexString(wireHex.Replace(" ", "")), wire);
    }

    [Theory]
    [InlineData("X25", "123")] // RFC 1183 §3.1: at least the 4-digit DNIC
    [InlineData("X25", "12a4")]
    [InlineData("ISDN", "a b c")]
    [InlineData("NSAP", "47")] // 0x first
    [InlineData("NSAP", "0x4")]
    [InlineData("GPOS", "1 2")]
    [InlineData("WKS", "192.0.2.1 tcp smtp")] // service names depend on the system
    [InlineData("WKS", "192.0.2.1 256 1")]
    [InlineData("EID", "")]
    [InlineData("ATMA", "+35a")]
    [InlineData("ATMA", "39.2")]
    [InlineData("CERT", "FOO 1 1 AQID")]
    [InlineData("A6", "129 p.")]
    [InlineData("A6", "0 ::1 p.")] // no prefix name after length 0
    [InlineData("A6", "128 ::1 p.")] // no address after length 128
    [InlineData("APL", "3:00/8")] // BIND reads families 1 and 2 only
    [InlineData("APL", "1:1.2.3.4/33")]
    [InlineData("IPSECKEY", "10 0 2 foo AQID")] // type 0 takes '.'
    [InlineData("IPSECKEY", "10 1 2 192.0.2.1")] // BIND requires the key
    [InlineData("IPSECKEY", "10 4 2 foo AQID")]
    [InlineData("HIP", "2 200 AQID")]
    [InlineData("HIP", "2 2001")]
    [InlineData("NID", "10 14::ee64")]
    [InlineData("NID", "10 00014:4fff:ff20:ee64")]
    [InlineData("L32", "10 010.1.2.0")]
    [InlineData("EUI48", "00:00:5e:00:53:2a")]
    [InlineData("EUI48", "000-00-5e-00-53-2a")]
    [InlineData("AMTRELAY", "10 2 3 r.")]
    [InlineData("AMTRELAY", "10 0 4 AABB")]
    [InlineData("AMTRELAY", "0 0 0")]
    [InlineData("TA", "1 13 2 ab")] // SHA-256 digests have 32 octets
    [InlineData("KEY", "256 3 13")] // only "no key" flags leave the key out
    [InlineData("KEY", "NOKEY 3 13 AQID")] // and then the record ends after the algorithm
    [InlineData("RKEY", "256 3 13 AQID")]
    [InlineData("SIG", "A 13 3 300 1700000000 1600000000 1 ex. AQID")] // BIND reads SIG times only as dates
    [InlineData("NXT", "b. TYPE200")]
    [InlineData("NXT", "b. TYPE0")]
    public void Text_bind_refuses_is_refused(string type, string text)
    {
        Assert.True(RRType.TryParse(type, out ushort number));
        AssertTextError(number, text);
    }

    [Theory]
    [InlineData("X25", "03313233")]
    [InlineData("A6", "81")] // prefix length above 128
    [InlineData("A6", "41800100020003000401 7000")] // pad bit set
    [InlineData("APL", "00011503c0a800")] // trailing zero octet
    [InlineData("APL", "00031503c0a820")] // unknown family
    [InlineData("IPSECKEY", "0a0402010203")]
    [InlineData("AMTRELAY", "0a04")]
    [InlineData("HIP", "00020003010203")] // empty HIT
    [InlineData("KEY", "0100030d")]
    [InlineData("KEY", "c000030d01")]
    [InlineData("RKEY", "0100030d010203")]
    [InlineData("NXT", "016e00 40010100")] // trailing zero octet
    [InlineData("NXT", "016e00 80")] // bit 0
    [InlineData("WKS", "c000020106 0000")]
    [InlineData("ATMA", "01333a")]
    [InlineData("NSAP", "")]
    public void Wire_that_cannot_be_printed_and_read_back_is_refused(string type, string hex)
    {
        Assert.True(RRType.TryParse(type, out ushort number));
        AssertWireError(number, Convert.FromHexString(hex.Replace(" ", "")));
    }

    [Fact]
    public void Bind_private_keydata_is_read_by_name()
    {
        Assert.True(RRType.TryParse("KEYDATA", out ushort type));
        Assert.Equal("TYPE65533", RRType.ToText(type));
    }
}
