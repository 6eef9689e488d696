using CsCheck;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Wire;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Properties every codec keeps, whatever its type: what the wire reader accepts prints and reads back to itself.</summary>
public class AllTypesPropertyTests
{
    private static readonly ushort[] Types = [.. RdataCodecs.KnownTypes.Order()];

    /// <summary>Random octets, and octets that start like a record of the type (a few small numbers first).</summary>
    private static readonly Gen<byte[]> Octets = Gen.OneOf(
        Gen.Byte.Array[0, 80],
        Gen.Select(Gen.Byte[0, 3].Array[1, 6], Gen.Byte.Array[0, 40], (head, tail) => (byte[])[.. head, .. tail]));

    [Fact]
    public void Wire_rdata_of_every_type_is_refused_or_prints_and_reads_back()
    {
        Gen.Select(Gen.Int[0, Types.Length - 1], Octets).Sample((index, bytes) =>
        {
            ushort type = Types[index];
            byte[] canonical;
            try { canonical = ReadWire(type, bytes); }
            catch (DnsWireException) { return; }
            string text = Format(type, canonical);
            Assert.True(Parse(type, text).AsSpan().SequenceEqual(canonical), $"{RRType.ToText(type)} {text}");
            Assert.Equal(canonical, ReadWire(type, canonical));
        }, iter: 100_000);
    }
}
