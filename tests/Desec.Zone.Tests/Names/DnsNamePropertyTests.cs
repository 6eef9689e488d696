using CsCheck;
using Desec.Zone.Names;

namespace Desec.Zone.Tests.Names;

/// <summary>Random names survive printing and parsing: equal names, identical wire octets (case kept).</summary>
public class DnsNamePropertyTests
{
    private static readonly Gen<byte> Octet = Gen.OneOf(
        Gen.Byte,
        Gen.OneOf<byte>((byte)0, (byte)1, (byte)'.', (byte)'\\', (byte)'"', (byte)'(', (byte)';', (byte)' ', (byte)'@', (byte)'$', (byte)'A', (byte)'z'));

    /// <summary>Any valid name: up to 127 labels of 1-63 octets, at most 255 octets in all.</summary>
    private static readonly Gen<DnsName> Name =
        Octet.Array[1, 63].Array[0, 8].Select(labels =>
        {
            var wire = new List<byte>();
            foreach (var label in labels)
            {
                if (wire.Count + 1 + label.Length + 1 > DnsName.MaxLength) { break; }
                wire.Add((byte)label.Length);
                wire.AddRange(label);
            }
            wire.Add(0);
            return DnsName.FromWire(wire.ToArray());
        });

    [Fact]
    public void ToString_then_Parse_gives_the_same_octets() =>
        Name.Sample(name =>
        {
            var text = name.ToString();
            var parsed = DnsName.Parse(text);
            Assert.Equal(name, parsed);
            Assert.Equal(name.Wire.ToArray(), parsed.Wire.ToArray());
            Assert.Equal(name.LabelCount, parsed.LabelCount);
            Assert.Equal(text, parsed.ToString());
        }, iter: 5000);

    [Fact]
    public void Relative_text_completed_by_an_origin_gives_the_same_octets() =>
        Gen.Select(Name, Name).Sample((relative, origin) =>
        {
            if (relative.IsRoot || relative.Length + origin.Length - 1 > DnsName.MaxLength) { return; }
            var text = relative.ToString()[..^1]; // drop the final dot
            var parsed = DnsName.Parse(text, origin);
            Assert.Equal([.. relative.Wire[..^1], .. origin.Wire], parsed.Wire.ToArray());
            Assert.True(parsed.IsSubdomainOf(origin));
        }, iter: 2000);

    [Fact]
    public void Utf8_text_counts_octets_against_the_label_limit()
    {
        Assert.Equal(65, DnsName.Parse(new string('a', 61) + "ü.").Length); // 61 + 2 octets: a full label
        Assert.False(DnsName.TryParse(new string('a', 62) + "ü.", null, out _, out var error));
        Assert.Equal("label longer than 63 octets", error);
        Assert.Equal("\\240\\159\\152\\128.", DnsName.Parse("😀.").ToString());
    }
}
