using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

/// <summary>One NSEC3 of a chain: the hash of the original owner name, the node it stands for and the record.</summary>
public sealed class Nsec3Entry
{
    internal Nsec3Entry(byte[] hash, ZoneNode node)
    {
        Hash = hash;
        Node = node;
    }

    /// <summary>The 20-octet hash; the chain is sorted by it (ordinal order of the hashes is base32hex order of the owners).</summary>
    public byte[] Hash { get; }

    /// <summary>The original (unhashed) name's node; an empty non-terminal for the entries RFC 5155 §7.1 adds for them.</summary>
    public ZoneNode Node { get; }

    public ResourceRecord Record { get; internal set; } = null!;

    public override string ToString() => Record?.ToString() ?? Nsec3Hash.ToLabel(Hash);
}
