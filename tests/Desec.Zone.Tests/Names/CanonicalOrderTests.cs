using CsCheck;
using Desec.Zone.Names;

namespace Desec.Zone.Tests.Names;

/// <summary>DNSSEC canonical name order, RFC 4034 §6.1, and its byte key.</summary>
public class CanonicalOrderTests
{
    /// <summary>The example list of RFC 4034 §6.1, in canonical order.</summary>
    private static readonly string[] Rfc4034Example =
    [
        "example.",
        "a.example.",
        "yljkjljk.a.example.",
        "Z.a.example.",
        "zABC.a.EXAMPLE.",
        "z.example.",
        "\\001.z.example.",
        "*.z.example.",
        "\\200.z.example.",
    ];

    [Fact]
    public void Rfc4034_example_is_in_canonical_order()
    {
        var names = Rfc4034Example.Select(n => DnsName.Parse(n)).ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            for (int j = 0; j < names.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(names[i].CompareTo(names[j])));
                Assert.Equal(Math.Sign(i.CompareTo(j)),
                    Math.Sign(CanonicalOrder.Key(names[i]).AsSpan().SequenceCompareTo(CanonicalOrder.Key(names[j]))));
            }
        }
    }

    [Fact]
    public void Sorting_shuffled_names_gives_the_rfc_order()
    {
        var shuffled = Rfc4034Example.Reverse().Select(n => DnsName.Parse(n)).ToList();
        shuffled.Sort();
        Assert.Equal(Rfc4034Example, shuffled.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("example.", "EXAMPLE.", 0)]
    [InlineData(".", "a.", -1)]
    [InlineData("a.", "a.a.", -1)]
    [InlineData("a.b.", "b.", 1)]
    [InlineData("ab.", "a.", 1)]      // a longer label sorts after its prefix
    [InlineData("a\\000.", "a.", 1)]  // even when the extra octet is 0x00
    [InlineData("\\000.", "\\001.", -1)]
    [InlineData("[.", "Z.", -1)]      // 'Z' is compared as 'z' (0x7A), above '[' (0x5B)
    [InlineData("[.", "z.", -1)]
    public void Compares_label_by_label_from_the_right(string a, string b, int expected)
    {
        var x = DnsName.Parse(a);
        var y = DnsName.Parse(b);
        Assert.Equal(expected, Math.Sign(x.CompareTo(y)));
        Assert.Equal(expected, Math.Sign(CanonicalOrder.Key(x).AsSpan().SequenceCompareTo(CanonicalOrder.Key(y))));
    }

    [Fact]
    public void Root_key_is_empty() => Assert.Empty(CanonicalOrder.Key(DnsName.Root));

    /// <summary>Labels over a small alphabet, so that random names share prefixes and differ only in case.</summary>
    private static readonly Gen<byte> Octet = Gen.OneOf(
        Gen.Byte,
        Gen.OneOf<byte>((byte)0, (byte)1, (byte)2, (byte)'a', (byte)'A', (byte)'z', (byte)'Z', (byte)'.', (byte)'\\', (byte)'[', (byte)0xFF));

    private static readonly Gen<DnsName> Name =
        Octet.Array[1, 5].Array[0, 4].Select(labels =>
        {
            var wire = labels.SelectMany(l => new[] { (byte)l.Length }.Concat(l)).Append((byte)0).ToArray();
            return DnsName.FromWire(wire);
        });

    [Fact]
    public void Compare_agrees_with_ordinal_order_of_keys() =>
        Gen.Select(Name, Name).Sample((a, b) =>
        {
            int byCompare = Math.Sign(CanonicalOrder.Compare(a.Wire, b.Wire));
            int byKey = Math.Sign(CanonicalOrder.Key(a).AsSpan().SequenceCompareTo(CanonicalOrder.Key(b)));
            Assert.Equal(byCompare, byKey);
            Assert.Equal(-byCompare, Math.Sign(CanonicalOrder.Compare(b.Wire, a.Wire)));
            Assert.Equal(byCompare == 0, a.Equals(b));
            if (byCompare == 0) { Assert.Equal(a.GetHashCode(), b.GetHashCode()); }
        }, iter: 20000);

    [Fact]
    public void Compare_is_transitive() =>
        Gen.Select(Name, Name, Name).Sample((a, b, c) =>
        {
            var sorted = new[] { a, b, c }.OrderBy(n => n).ToArray();
            Assert.True(sorted[0].CompareTo(sorted[1]) <= 0 && sorted[1].CompareTo(sorted[2]) <= 0 && sorted[0].CompareTo(sorted[2]) <= 0);
        }, iter: 5000);

    [Fact]
    public void Keys_of_the_longest_names_fit()
    {
        var longest = DnsName.FromWire([.. Enumerable.Repeat<byte[]>([1, 0], 127).SelectMany(x => x), 0]);
        Assert.Equal(255, longest.Length);
        var key = CanonicalOrder.Key(longest);
        Assert.True(key.Length <= CanonicalOrder.MaxKeyLength(longest.Length));
        Assert.Equal(127 * 3, key.Length);
    }
}
