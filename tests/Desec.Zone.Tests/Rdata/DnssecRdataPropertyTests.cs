using CsCheck;
using Desec.Zone.Records;
using Desec.Zone.Text;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Random RDATA -> Format -> Parse gives the same bytes, and reading it from the wire keeps it.</summary>
public class DnssecRdataPropertyTests
{
    private static readonly Gen<ushort[]> GenTypes = Gen.Select(
        Gen.UShort[0, 300].Array[0, 12], // mostly window 0 and 1, where the mnemonics are
        Gen.UShort.Array[0, 4],
        (low, any) => low.Concat(any).ToArray());

    private static readonly Gen<byte[]> GenBitmap = GenTypes.Select(types => TypeBitmap.Encode(types));

    private static readonly Gen<byte[]> GenNonEmptyBitmap = GenTypes.Where(t => t.Length > 0).Select(types => TypeBitmap.Encode(types));

    private static Gen<byte[]> LengthPrefixed(int min, int max) =>
        Gen.Byte.Array[min, max].Select(b => (byte[])[(byte)b.Length, .. b]);

    private static Gen<byte[]> Bytes(int count) => Gen.Byte.Array[count];

    private static readonly Gen<byte[]> GenName =
        Gen.Char["abcXYZ09-_*\\. \"\u00e9"].Array[1, 12].Select(c => new string(c)).Array[0, 4]
        .Select(labels =>
        {
            var wire = new List<byte>();
            foreach (var label in labels)
            {
                var octets = System.Text.Encoding.Latin1.GetBytes(label);
                wire.Add((byte)octets.Length);
                wire.AddRange(octets);
            }
            wire.Add(0);
            return wire.ToArray();
        });

    private static void Check(ushort type, Gen<byte[]> gen) =>
        gen.Sample(rdata =>
        {
            Assert.Equal(rdata, ReadWire(type, rdata));
            string text = Format(type, rdata);
            Assert.Equal(rdata, Parse(type, text));
        }, iter: 2000);

    [Fact]
    public void Type_bitmap_encode_decode_and_validate()
    {
        GenTypes.Sample(types =>
        {
            var bitmap = TypeBitmap.Encode(types);
            Assert.Null(TypeBitmap.Validate(bitmap));
            Assert.Equal(types.Distinct().Order().ToArray(), TypeBitmap.Decode(bitmap).ToArray());
            foreach (ushort t in types) { Assert.True(TypeBitmap.Contains(bitmap, t)); }
            Assert.Equal(bitmap, TypeBitmap.Encode(TypeBitmap.Decode(bitmap)));
        }, iter: 2000);
    }

    [Fact]
    public void Type_bitmap_validate_accepts_exactly_what_encode_can_produce()
    {
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            if (TypeBitmap.Validate(bytes) is null)
            {
                Assert.Equal(bytes, TypeBitmap.Encode(TypeBitmap.Decode(bytes)));
            }
        }, iter: 5000);
    }

    [Fact]
    public void Nsec3() => Check(RRType.NSEC3,
        Gen.Select(Bytes(4), LengthPrefixed(0, 40), LengthPrefixed(1, 39), Bytes(20), GenBitmap,
            // A SHA-1 hash (algorithm 1) has 20 octets (RFC 5155 §3.2).
            (fixedPart, salt, hash, sha1, bitmap) => (byte[])[.. fixedPart, .. salt, .. fixedPart[0] == 1 ? [20, .. sha1] : hash, .. bitmap]));

    [Fact]
    public void Nsec3param() => Check(RRType.NSEC3PARAM,
        Gen.Select(Bytes(4), LengthPrefixed(0, 255), (fixedPart, salt) => (byte[])[.. fixedPart, .. salt]));

    [Fact]
    public void Nsec() => Check(RRType.NSEC,
        Gen.Select(GenName, GenNonEmptyBitmap, (name, bitmap) => (byte[])[.. name, .. bitmap]));

    [Fact]
    public void Csync() => Check(RRType.CSYNC,
        Gen.Select(Bytes(6), GenBitmap, (fixedPart, bitmap) => (byte[])[.. fixedPart, .. bitmap]));

    [Fact]
    public void Rrsig() => Check(RRType.RRSIG,
        Gen.Select(Bytes(18), GenName.Select(n => { Desec.Zone.Names.DnsName.LowerInPlace(n); return n; }), Gen.Byte.Array[1, 300],
            (fixedPart, signer, signature) => (byte[])[.. fixedPart, .. signer, .. signature]));

    [Fact]
    public void Dnskey_and_ds() =>
        // Byte 3 is also the DS digest type: not one whose digest length is fixed (tested on its own).
        Gen.Select(Bytes(4).Where(b => b[3] is not (1 or 2 or 4)), Gen.Byte.Array[1, 300], (fixedPart, rest) => (byte[])[.. fixedPart, .. rest]).Sample(rdata =>
        {
            foreach (ushort type in new[] { RRType.DNSKEY, RRType.CDNSKEY, RRType.DS, RRType.CDS, RRType.TLSA, RRType.SMIMEA })
            {
                Assert.Equal(rdata, Parse(type, Format(type, rdata)));
                Assert.Equal(rdata, ReadWire(type, rdata));
            }
        }, iter: 1000);

    [Fact]
    public void Zonemd() => Check(RRType.ZONEMD,
        // SHA-384 and SHA-512 digests (hash algorithms 1, 2) have their length (RFC 8976 §5.3).
        Gen.Select(Bytes(6), Gen.Byte.Array[12, 80], Bytes(64), (fixedPart, digest, sha) =>
            (byte[])[.. fixedPart, .. fixedPart[5] switch { 1 => sha[..48], 2 => sha, _ => digest }]));

    private static readonly ushort[] Types =
    [
        RRType.DS, RRType.CDS, RRType.SSHFP, RRType.RRSIG, RRType.NSEC, RRType.DNSKEY, RRType.CDNSKEY, RRType.NSEC3,
        RRType.NSEC3PARAM, RRType.TLSA, RRType.SMIMEA, RRType.OPENPGPKEY, RRType.CSYNC, RRType.ZONEMD,
    ];

    // Malformed input raises only the two documented exceptions; what is accepted round-trips.
    [Fact]
    public void Random_wire_gives_canonical_rdata_or_a_wire_exception() =>
        Gen.Select(Gen.Int[0, Types.Length - 1], Gen.Byte.Array[0, 60]).Sample((index, bytes) =>
        {
            ushort type = Types[index];
            byte[] canonical;
            try { canonical = ReadWire(type, bytes); }
            catch (Desec.Zone.Wire.DnsWireException) { return; }
            Assert.Equal(canonical, Parse(type, Format(type, canonical)));
        }, iter: 20000);

    [Fact]
    public void Random_words_give_rdata_or_a_zone_text_exception() =>
        Gen.Select(Gen.Int[0, Types.Length - 1],
                Gen.OneOf(Gen.Const("-"), Gen.Const("A"), Gen.Const("NSEC"), Gen.Const("TYPE65535"), Gen.Const("AA=="),
                    Gen.Const("example."), Gen.Const("20260101000000"), Gen.Const("0"), Gen.Const("12"), Gen.Const("\\#"),
                    Gen.Const("(") , Gen.Const("\"x\""), Gen.String[Gen.Char["0-9a-fA-Z+/=.\\"], 1, 10])
                    .Array[0, 12].Select(words => string.Join(' ', words)))
            .Sample((index, text) =>
            {
                ushort type = Types[index];
                byte[] rdata;
                try { rdata = Parse(type, text); }
                catch (ZoneTextException) { return; }
                Assert.Equal(rdata, ReadWire(type, rdata));
                Assert.Equal(rdata, Parse(type, Format(type, rdata)));
            }, iter: 20000);
}
