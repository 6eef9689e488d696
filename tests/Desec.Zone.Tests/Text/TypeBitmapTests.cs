using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Zone.Tests.Text;

/// <summary>The NSEC/NSEC3/CSYNC type bit maps (RFC 4034 §4.1.2).</summary>
public class TypeBitmapTests
{
    // RFC 4034 §4.3: A MX RRSIG NSEC TYPE1234.
    private static readonly byte[] Rfc4034Example =
        [0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x1b, .. new byte[26], 0x20];

    [Fact]
    public void Encodes_the_rfc4034_example() =>
        Assert.Equal(Rfc4034Example, TypeBitmap.Encode([1234, RRType.NSEC, RRType.A, RRType.RRSIG, RRType.MX, RRType.A]));

    [Fact]
    public void Decodes_validates_and_formats_the_rfc4034_example()
    {
        Assert.Null(TypeBitmap.Validate(Rfc4034Example));
        Assert.Equal(new ushort[] { RRType.A, RRType.MX, RRType.RRSIG, RRType.NSEC, 1234 }, TypeBitmap.Decode(Rfc4034Example));
        var sb = new StringBuilder();
        TypeBitmap.Format(Rfc4034Example, sb);
        Assert.Equal("A MX RRSIG NSEC TYPE1234", sb.ToString());
    }

    [Fact]
    public void Contains_finds_exactly_the_listed_types()
    {
        var listed = new HashSet<ushort> { RRType.A, RRType.MX, RRType.RRSIG, RRType.NSEC, 1234 };
        for (int t = 0; t <= ushort.MaxValue; t++)
        {
            Assert.Equal(listed.Contains((ushort)t), TypeBitmap.Contains(Rfc4034Example, (ushort)t));
        }
    }

    [Fact]
    public void Empty_set_is_an_empty_bitmap()
    {
        Assert.Empty(TypeBitmap.Encode([]));
        Assert.Null(TypeBitmap.Validate([]));
        Assert.Empty(TypeBitmap.Decode([]));
        Assert.False(TypeBitmap.Contains([], RRType.A));
    }

    [Fact]
    public void Extreme_types_use_full_windows()
    {
        var bitmap = TypeBitmap.Encode([0, 255, 65535]);
        Assert.Equal(2 + 32 + 2 + 32, bitmap.Length);
        Assert.Equal(0x00, bitmap[0]);
        Assert.Equal(32, bitmap[1]);
        Assert.Equal(0x80, bitmap[2]);
        Assert.Equal(0x01, bitmap[33]);
        Assert.Equal(0xFF, bitmap[34]);
        Assert.Null(TypeBitmap.Validate(bitmap));
        Assert.Equal(new ushort[] { 0, 255, 65535 }, TypeBitmap.Decode(bitmap));
        Assert.True(TypeBitmap.Contains(bitmap, 65535));
        Assert.False(TypeBitmap.Contains(bitmap, 65534));
    }

    [Theory]
    [InlineData("00", "truncated")]
    [InlineData("0000", "outside 1..32")]
    [InlineData("002180", "outside 1..32")]
    [InlineData("000240", "past the end")]
    [InlineData("000100", "zero octet")]
    [InlineData("00024000", "zero octet")]
    [InlineData("010140000140", "ascending")]
    [InlineData("000140000140", "ascending")]
    [InlineData("00014001", "truncated")]
    public void Validate_reports_malformed_bitmaps(string hex, string reason) =>
        Assert.Contains(reason, TypeBitmap.Validate(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("000240")]
    [InlineData("0020")]
    [InlineData("00")]
    public void Contains_and_decode_do_not_throw_on_malformed_input(string hex)
    {
        var bitmap = Convert.FromHexString(hex);
        for (int t = 0; t < 32; t++) { TypeBitmap.Contains(bitmap, (ushort)t); }
        TypeBitmap.Decode(bitmap);
    }
}
