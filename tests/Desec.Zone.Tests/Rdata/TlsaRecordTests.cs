using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>TLSA (RFC 6698 §2) and SMIMEA (RFC 8162 §2), which share the format.</summary>
public class TlsaRecordTests
{
    // RFC 6698 §2.3 "TLSA RR Examples" (the first two; the third's full certificate is long).
    [Theory]
    [InlineData("0 0 1 d2abde240d7cd3ee6b4b28c54df034b9\n 7983a1d16e8a410e4561cb106618e971")]
    [InlineData("1 1 2 92003ba34942dc74152e2f2c408d29ec\n a5a520e7f2e06bb944f4dca346baf63c\n 1b177615d466f6c4b71c216a50292bd5\n 8c9ebdd2f74e38fe51ffd48c43326cbc")]
    public void Rfc6698_examples_round_trip(string text)
    {
        string expected = string.Concat(text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[3..]).ToUpperInvariant();
        string prefix = string.Join(' ', text.Split(' ')[..3]);
        AssertRoundTrip(RRType.TLSA, $"( {text} )", $"{prefix} {expected}");
        AssertRoundTrip(RRType.SMIMEA, $"( {text} )", $"{prefix} {expected}");
    }

    [Fact]
    public void Exact_wire() =>
        Assert.Equal(new byte[] { 3, 1, 1, 0xAB, 0xCD }, AssertRoundTrip(RRType.TLSA, "3 1 1 abcd", "3 1 1 ABCD"));

    [Theory]
    [InlineData("3 1 1")]
    [InlineData("3 1 1 abc")]
    [InlineData("3 1 1 ghij")]
    [InlineData("256 1 1 abcd")]
    [InlineData("3 1 x abcd")]
    public void Bad_text_is_a_zone_text_error(string text)
    {
        AssertTextError(RRType.TLSA, text);
        AssertTextError(RRType.SMIMEA, text);
    }

    [Theory]
    [InlineData("030101")]
    [InlineData("0301")]
    public void Short_wire_is_a_wire_error(string hex)
    {
        AssertWireError(RRType.TLSA, Convert.FromHexString(hex));
        AssertWireError(RRType.SMIMEA, Convert.FromHexString(hex));
    }
}
