using System.Buffers.Binary;
using CsCheck;
using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.SvcbTestSupport;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Random valid RDATA: wire -> text -> wire gives the same octets, whatever the values hold.</summary>
public class SvcbPropertyTests
{
    private static readonly Gen<byte[]> AnyOctets = Gen.Byte.Array[0, 12];

    private static readonly Gen<byte[]> AlpnValue =
        Gen.Byte.Array[1, 6].Array[1, 4].Select(ids => ids.SelectMany(id => new[] { (byte)id.Length }.Concat(id)).ToArray());

    private static readonly Gen<(ushort Key, byte[] Value)> Parameter = Gen.OneOf(
        AlpnValue.Select(v => ((ushort)1, v)),
        Gen.Const(((ushort)2, Array.Empty<byte>())),
        Gen.Byte.Array[2].Select(v => ((ushort)3, v)),
        Gen.Byte.Array[4].Array[1, 3].Select(a => ((ushort)4, a.SelectMany(x => x).ToArray())),
        AnyOctets.Select(v => ((ushort)5, v)),
        Gen.Byte.Array[16].Array[1, 3].Select(a => ((ushort)6, a.SelectMany(x => x).ToArray())),
        Gen.Const(((ushort)8, Array.Empty<byte>())),
        Gen.UShort[9, 65534].Select(AnyOctets, (k, v) => (k, v)));

    private static readonly Gen<byte[]> Rdata =
        Gen.UShort.Select(Gen.Bool, Parameter.Array[0, 6], Gen.Bool.Array[6], (priority, upperCase, parameters, mandatory) =>
        {
            var distinct = parameters.GroupBy(p => p.Key).Select(g => g.First()).ToList();
            // no-default-alpn needs alpn (RFC 9460 §7.1.1).
            if (distinct.Any(p => p.Key == 2) && !distinct.Any(p => p.Key == 1)) { distinct.Add((1, Hex("02 6832"))); }
            distinct = distinct.OrderBy(p => p.Key).ToList();
            var listed = distinct.Where((_, i) => i < mandatory.Length && mandatory[i]).Select(p => p.Key).ToList();
            var bytes = new List<byte>();
            bytes.AddRange(BigEndian(priority));
            bytes.AddRange(upperCase ? Hex("03 466f6f 07 6578616d706c65 00") : Hex("00"));
            if (listed.Count > 0)
            {
                bytes.AddRange(BigEndian(0));
                bytes.AddRange(BigEndian((ushort)(listed.Count * 2)));
                foreach (ushort key in listed) { bytes.AddRange(BigEndian(key)); }
            }
            foreach (var (key, value) in distinct)
            {
                bytes.AddRange(BigEndian(key));
                bytes.AddRange(BigEndian((ushort)value.Length));
                bytes.AddRange(value);
            }
            return bytes.ToArray();
        });

    private static byte[] BigEndian(ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return b;
    }

    [Fact]
    public void Wire_to_text_to_wire_is_the_identity() =>
        Rdata.Sample(rdata =>
        {
            Assert.Equal(rdata, ReadWire(RRType.HTTPS, rdata));
            string text = Format(RRType.HTTPS, rdata);
            Assert.Equal(rdata, Parse(RRType.HTTPS, text));
        }, iter: 2000);
}
