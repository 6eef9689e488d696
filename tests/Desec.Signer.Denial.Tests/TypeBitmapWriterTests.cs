using CsCheck;
using Desec.Zone.Text;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 4034 §4.1.2: the chain builders' bitmap writer encodes like the zone library's codec.</summary>
public class TypeBitmapWriterTests
{
    [Fact]
    public void Encodes_like_the_codec_and_starts_over_after_each_write()
    {
        // One writer per sample (samples run on several threads), used twice to check it starts over.
        Gen.Select(Gen.UShort.Array[0, 20], Gen.UShort.Array[0, 20]).Sample((first, second) =>
        {
            var writer = new TypeBitmapWriter();
            foreach (var types in new[] { first, second })
            {
                foreach (ushort type in types) { writer.Add(type); }
                var encoded = new byte[writer.EncodedLength];
                Assert.Equal(encoded.Length, writer.WriteTo(encoded));
                Assert.Equal(types.Length == 0 ? [] : TypeBitmap.Encode(types), encoded);
                Assert.Null(TypeBitmap.Validate(encoded));
                Assert.True(writer.IsEmpty);
            }
        });
    }

    [Fact]
    public void Rfc4034_section_4_3_example()
    {
        // RFC 4034 §4.3: A MX RRSIG NSEC TYPE1234 -> window 0 of 6 octets, window 4 of 27 octets.
        var writer = new TypeBitmapWriter();
        foreach (ushort type in new ushort[] { 1234, 15, 1, 47, 46 }) { writer.Add(type); }
        var encoded = new byte[writer.EncodedLength];
        writer.WriteTo(encoded);
        Assert.Equal(Convert.FromHexString("0006400100000003041b" + new string('0', 52) + "20"), encoded);
    }
}
