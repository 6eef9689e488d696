using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>TXT (RFC 1035 §3.3.14) and SPF (RFC 4408 §3.1.1): one or more character-strings.</summary>
public class TxtRecordTests
{
    public static TheoryData<ushort> TextTypes => [RRType.TXT, RRType.SPF];

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Strings_round_trip_each_quoted(ushort type)
    {
        AssertRoundTrip(type, "\"v=spf1 -all\"");
        AssertRoundTrip(type, "hello world", "\"hello\" \"world\"");
        AssertRoundTrip(type, "\"\"");
        AssertRoundTrip(type, "\"a;b\" \"(\" \")\" \"\\009\\127~\"");
        AssertRoundTrip(type, "\"quote \\\" and backslash \\\\\"");
        AssertRoundTrip(type, "a\\032b c\\\"d", "\"a b\" \"c\\\"d\"");
    }

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Non_ascii_text_is_utf8_printed_as_decimal_escapes(ushort type) =>
        AssertRoundTrip(type, "\"é\"", "\"\\195\\169\"");

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Exact_wire_bytes(ushort type) =>
        Assert.Equal(Hex("02 6869 00 03 612062"), Parse(type, "hi \"\" \"a b\""));

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Wire_round_trips(ushort type) =>
        AssertWireRoundTrip(type, Hex("05 68656c6c6f 00 01 22"), "\"hello\" \"\" \"\\\"\"");

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Bad_text_is_refused_at_its_column(ushort type)
    {
        AssertTextError(type, "", 1);
        AssertTextError(type, "ok \"" + new string('x', 256) + "\"", 4);
        AssertTextError(type, "ok bad\\25", 4);
        AssertRoundTrip(type, "\"" + new string('x', 255) + "\"");
    }

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Rdata_longer_than_65535_octets_is_refused(ushort type)
    {
        // RFC 1035 §3.2.1: RDLENGTH is 16 bits. 256 strings of 255 octets take 65536.
        string full = "\"" + new string('x', 255) + "\" ";
        Assert.Equal(65535, Parse(type, string.Concat(Enumerable.Repeat(full, 255)) + "\"" + new string('x', 254) + "\"").Length);
        var e = AssertTextError(type, string.Concat(Enumerable.Repeat(full, 256)), 1);
        Assert.Contains("RDATA of 65536 octets", e.Reason);
    }

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Bad_wire_is_refused(ushort type)
    {
        AssertWireError(type, Hex("")); // at least one string (RFC 1035 §3.3.14)
        AssertWireError(type, Hex("05 6869"));
        AssertWireError(type, Hex("02 6869 03 61"));
    }

    [Theory]
    [MemberData(nameof(TextTypes))]
    public void Generic_form_is_accepted_and_checked(ushort type)
    {
        Assert.Equal(Parse(type, "hi \"\""), Parse(type, "\\# 4 02686900"));
        AssertTextError(type, "\\# 0", 1);
        AssertTextError(type, "\\# 3 036869", 1);
    }
}
