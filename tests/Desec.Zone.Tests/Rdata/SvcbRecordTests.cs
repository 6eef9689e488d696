using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.SvcbTestSupport;

namespace Desec.Zone.Tests.Rdata;

/// <summary>RFC 9460 Appendix D test vectors, for SVCB and for HTTPS (same RDATA).</summary>
public class SvcbRecordTests
{
    private const string FooExampleCom = "03 666f6f 07 6578616d706c65 03 636f6d 00";
    private const string FooExampleOrg = "03 666f6f 07 6578616d706c65 03 6f7267 00";

    /// <summary>(presentation input, wire bytes, what named-compilezone prints)</summary>
    public static TheoryData<string, string, string> AppendixD => new()
    {
        // D.1 AliasMode
        { "0 foo.example.com.", "0000" + FooExampleCom, "0 foo.example.com." },
        // D.2 ServiceMode: "use the owner name"
        { "1 .", "0001 00", "1 ." },
        // D.2: a port only
        { "16 foo.example.com. port=53", "0010" + FooExampleCom + "0003 0002 0035", "16 foo.example.com. port=53" },
        // D.2: unregistered key, unquoted value
        { "1 foo.example.com. key667=hello", "0001" + FooExampleCom + "029b 0005 68656c6c6f",
          "1 foo.example.com. key667=\"hello\"" },
        // D.2: unregistered key, quoted value with a decimal escape
        { @"1 foo.example.com. key667=""hello\210qoo""", "0001" + FooExampleCom + "029b 0009 68656c6c6fd2716f6f",
          @"1 foo.example.com. key667=""hello\210qoo""" },
        // D.2: two quoted IPv6 hints
        { @"1 foo.example.com. ( ipv6hint=""2001:db8::1,2001:db8::53:1"" )",
          "0001" + FooExampleCom + "0006 0020 20010db8000000000000000000000001 20010db8000000000000000000530001",
          "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1" },
        // D.2: an IPv6 hint written with an embedded IPv4 address
        { @"1 example.com. ( ipv6hint=""2001:db8:ffff:ffff:ffff:ffff:198.51.100.100"" )",
          "0001 07 6578616d706c65 03 636f6d 00 0006 0010 20010db8ffffffffffffffffc6336464",
          "1 example.com. ipv6hint=2001:db8:ffff:ffff:ffff:ffff:c633:6464" },
        // D.2: neither the params nor the mandatory keys are sorted in text; they are on the wire
        { "16 foo.example.org. ( alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1 )",
          "0010" + FooExampleOrg + "0000 0004 0001 0004  0001 0009 02 6832 05 68332d3139  0004 0004 c0000201",
          "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" ipv4hint=192.0.2.1" },
        // D.2: an alpn id with an escaped comma and backslash, in two presentation forms
        { @"16 foo.example.org. alpn=""f\\\\oo\\,bar,h2""", "0010" + FooExampleOrg + "0001 000c 08 665c6f6f2c626172 02 6832",
          @"16 foo.example.org. alpn=""f\\\\oo\\,bar,h2""" },
        { @"16 foo.example.org. alpn=f\\\092oo\092,bar,h2", "0010" + FooExampleOrg + "0001 000c 08 665c6f6f2c626172 02 6832",
          @"16 foo.example.org. alpn=""f\\\\oo\\,bar,h2""" },
    };

    [Theory]
    [MemberData(nameof(AppendixD))]
    public void Appendix_D_text_gives_the_wire_bytes(string text, string hex, string printed)
    {
        foreach (ushort type in new[] { RRType.SVCB, RRType.HTTPS })
        {
            var rdata = Parse(type, text);
            Assert.Equal(Hex(hex), rdata);
            Assert.Equal(printed, Format(type, rdata));
        }
    }

    [Theory]
    [MemberData(nameof(AppendixD))]
    public void Appendix_D_wire_reads_back_and_round_trips(string text, string hex, string printed)
    {
        _ = text;
        foreach (ushort type in new[] { RRType.SVCB, RRType.HTTPS })
        {
            var rdata = ReadWire(type, Hex(hex));
            Assert.Equal(Hex(hex), rdata);
            Assert.Equal(printed, Format(type, rdata));
            Assert.Equal(rdata, Parse(type, printed));
        }
    }

    [Theory]
    [MemberData(nameof(AppendixD))]
    public void Appendix_D_generic_form_is_checked_and_accepted(string text, string hex, string printed)
    {
        _ = text;
        var bytes = Hex(hex);
        var rdata = Parse(RRType.HTTPS, $"\\# {bytes.Length} {Convert.ToHexString(bytes)}");
        Assert.Equal(printed, Format(RRType.HTTPS, rdata));
    }

    /// <summary>RFC 9460 D.3: each of these must be refused, with a message that says why.</summary>
    [Theory]
    [InlineData("1 foo.example.com. ( key123=abc key123=def )", "key123 appears more than once")]
    [InlineData("1 foo.example.com. mandatory", "mandatory value: the value list is empty")]
    [InlineData("1 foo.example.com. alpn", "alpn value: the value list is empty")]
    [InlineData("1 foo.example.com. port", "port needs a value")]
    [InlineData("1 foo.example.com. ipv4hint", "ipv4hint value: the value list is empty")]
    [InlineData("1 foo.example.com. ipv6hint", "ipv6hint value: the value list is empty")]
    [InlineData("1 foo.example.com. no-default-alpn=abc", "no-default-alpn takes no value")]
    [InlineData("1 foo.example.com. mandatory=key123", "mandatory lists key123, which the record does not have")]
    [InlineData("1 foo.example.com. mandatory=mandatory", "mandatory must not list itself")]
    [InlineData("1 foo.example.com. ( mandatory=key123,key123 key123=abc )", "mandatory lists key123 twice")]
    public void Appendix_D3_failure_cases_are_refused(string text, string reason)
    {
        foreach (ushort type in new[] { RRType.SVCB, RRType.HTTPS })
        {
            var e = ParseFails(type, text);
            Assert.Contains(reason, e.Reason);
        }
    }
}
