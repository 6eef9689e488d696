using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>LOC (RFC 1876): the §3 presentation form, the §2 wire form, and BIND's printing.</summary>
public class LocRecordTests
{
    // Expected output taken from named-compilezone for the same input.
    [Theory]
    [InlineData("52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m")]
    // RFC 1876 §4's examples.
    [InlineData("42 21 54 N 71 06 18 W -24m 30m", "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m")]
    [InlineData("42 21 43.952 N 71 5 6.344 W -24m 1m 200m", "42 21 43.952 N 71 5 6.344 W -24.00m 1m 200m 10m")]
    [InlineData("52 14 05 N 00 08 50 E 10m", "52 14 5.000 N 0 8 50.000 E 10.00m 1m 10000m 10m")]
    [InlineData("32 7 19 S 116 2 25 E 10m", "32 7 19.000 S 116 2 25.000 E 10.00m 1m 10000m 10m")]
    [InlineData("42 21 28.764 N 71 00 51.617 W -44m 2000m", "42 21 28.764 N 71 0 51.617 W -44.00m 2000m 10000m 10m")]
    // Minutes and seconds left out, the 'm' left out, the extremes.
    [InlineData("0 N 0 E 0", "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m")]
    [InlineData("1 2 N 3 E 4", "1 2 0.000 N 3 0 0.000 E 4.00m 1m 10000m 10m")]
    [InlineData("90 S 180 W 42849672.95m 90000000m 90000000m 90000000m", "90 0 0.000 S 180 0 0.000 W 42849672.95m 90000000m 90000000m 90000000m")]
    [InlineData("0 N 0 E -100000m", "0 0 0.000 N 0 0 0.000 E -100000.00m 1m 10000m 10m")]
    // Precisions keep one significant digit, rounding down (as BIND does).
    [InlineData("37 46 30.123 N 122 23 0 W 0.5m 0.01m 1.5m 123456m", "37 46 30.123 N 122 23 0.000 W 0.50m 0.01m 1m 100000m")]
    [InlineData("1 2 3.1 N 0 E 0.1 0.1 0.19 999", "1 2 3.100 N 0 0 0.000 E 0.10m 0.10m 0.10m 900m")]
    [InlineData("1 2 3.4 N 5 6 7.8 E 1.1 2 3 4", "1 2 3.400 N 5 6 7.800 E 1.10m 2m 3m 4m")]
    [InlineData("1 2 3. N 0 E +5m .5", "1 2 3.000 N 0 0 0.000 E 5.00m 0.50m 10000m 10m")]
    [InlineData("1 2 59.999 N 0 E -0m 0", "1 2 59.999 N 0 0 0.000 E 0.00m 0.00m 10000m 10m")]
    public void Prints_like_bind(string text, string expected) => AssertRoundTrip(RRType.LOC, text, expected);

    [Fact]
    public void Exact_wire_bytes()
    {
        // 42 21 54 N = 2^31 + 152514000; 71 06 18 W = 2^31 - 255978000; -24 m = 10000000 - 2400 cm.
        Assert.Equal(
            Hex("00 33 16 13 89172DD0 70BE 15F0 0098 8D20"),
            Parse(RRType.LOC, "42 21 54 N 71 06 18 W -24m 30m"));
    }

    [Fact]
    public void Wire_round_trips() =>
        AssertWireRoundTrip(RRType.LOC, Hex("00 12 16 13 80000000 80000000 00989680"),
            "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m");

    [Theory]
    [InlineData("90 30 N 0 E 0", 1)] // beyond 90 degrees
    [InlineData("91 N 0 E 0", 1)]
    [InlineData("0 N 180 0 0.001 E 0", 5)]
    [InlineData("1 60 N 0 E 0", 3)]
    [InlineData("1 2 60 N 0 E 0", 5)]
    [InlineData("1 2 59.9999 N 0 E 0", 5)] // at most three decimals
    [InlineData("1 2 3.5 n 0 e 0", 9)] // hemisphere letters are upper case, as in BIND
    [InlineData("1 2 3 X 0 E 0", 7)]
    [InlineData("1 N 2 N 0", 7)] // latitude letter where the longitude's belongs
    [InlineData("1.5 N 0 E 0", 1)]
    [InlineData("0 N 0 E -100000.01m", 9)]
    [InlineData("0 N 0 E 42849672.96m", 9)]
    [InlineData("0 N 0 E 1.123m", 9)]
    [InlineData("0 N 0 E 0M", 9)]
    [InlineData("0 N 0 E 0 90000001m", 11)]
    [InlineData("0 N 0 E 0 0.001m", 11)]
    [InlineData("0 N 0 E 0 9e9", 11)]
    [InlineData("0 N 0 E 0 -1", 11)]
    [InlineData("0 N 0 E 0 1 1 m", 15)]
    [InlineData("0 N 0 E 0 1 2 3 4", 17)] // one field too many
    [InlineData("0 N 0 E", 8)] // altitude missing
    [InlineData("0 N 0", 6)] // hemisphere missing
    [InlineData("0 N", 4)]
    [InlineData("", 1)]
    [InlineData("\"0\" N 0 E 0", 1)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.LOC, text, column);

    [Theory]
    [InlineData("01 12 16 13 80000000 80000000 00989680")] // version 1 is not defined (RFC 1876 §2)
    [InlineData("00 A2 16 13 80000000 80000000 00989680")] // mantissa 10
    [InlineData("00 1A 16 13 80000000 80000000 00989680")] // exponent 10
    [InlineData("00 12 06 13 80000000 80000000 00989680")] // mantissa 0 with an exponent
    [InlineData("00 12 16 13 934FD901 80000000 00989680")] // latitude just past 90 N
    [InlineData("00 12 16 13 80000000 A69FB201 00989680")] // longitude just past 180 E
    [InlineData("00 12 16 13 80000000 80000000 009896")] // 15 octets
    [InlineData("00 12 16 13 80000000 80000000 00989680 00")] // 17 octets
    public void Bad_wire_is_refused(string hex) => AssertWireError(RRType.LOC, Hex(hex));

    [Fact]
    public void Wire_extremes_are_accepted()
    {
        AssertWireRoundTrip(RRType.LOC, Hex("00 99 99 00 934FD900 59604E00 FFFFFFFF"),
            "90 0 0.000 N 180 0 0.000 W 42849672.95m 90000000m 90000000m 0.00m");
        AssertWireRoundTrip(RRType.LOC, Hex("00 10 51 13 6CB02700 A69FB200 00000000"),
            "90 0 0.000 S 180 0 0.000 E -100000.00m 0.01m 0.50m 10m");
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.LOC, "0 N 0 E 0"), Parse(RRType.LOC, "\\# 16 00121613 80000000 80000000 00989680"));
        AssertTextError(RRType.LOC, "\\# 16 01121613 80000000 80000000 00989680", 1);
    }
}
