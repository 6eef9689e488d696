using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>
/// Builds the NSEC3 chain of an unsigned zone (RFC 5155 §7.1): an NSEC3 for every name that owns
/// authoritative data, every zone cut (but, with Opt-Out, not the unsigned ones, RFC 5155 §6) and
/// every empty non-terminal (but, with Opt-Out, not those that only lead to unsigned delegations);
/// none for glue or other occluded names. Owners are the hashes in base32hex, sorted, each record
/// pointing at the next hash and the last at the first.
/// </summary>
public static class Nsec3ChainBuilder
{
    /// <summary>Below this many names, hashing in parallel costs more than it saves.</summary>
    private const int ParallelThreshold = 2048;

    /// <param name="zone">The unsigned zone.</param>
    /// <param name="parameters">Null for RFC 9276's <c>1 0 0 -</c> (<see cref="Nsec3Parameters.Default"/>).</param>
    /// <param name="extraApexTypes">Types the signer adds at the apex (DNSKEY, CDS, CDNSKEY, CSYNC) that the zone does not hold.</param>
    /// <exception cref="Nsec3HashCollisionException">Two names hash alike (RFC 5155 §7.1).</exception>
    public static Nsec3Chain Build(Zone zone, Nsec3Parameters? parameters = null, IEnumerable<ushort>? extraApexTypes = null)
    {
        parameters ??= Nsec3Parameters.Default;
        uint ttl = DenialRules.Ttl(zone);
        var nodes = Select(zone, parameters.OptOut);

        var entries = new Nsec3Entry[nodes.Count];
        void HashOne(int i) => entries[i] = new Nsec3Entry(Nsec3Hash.Compute(nodes[i].Name, parameters), nodes[i]);
        if (nodes.Count >= ParallelThreshold) { Parallel.For(0, nodes.Count, HashOne); }
        else { for (int i = 0; i < nodes.Count; i++) { HashOne(i); } }

        // Ordinal order of the hashes is the order of their base32hex labels (RFC 4648 §7 keeps the
        // sort order), which is the canonical order of the NSEC3 owner names (RFC 5155 §3.1.7).
        Array.Sort(entries, (a, b) => a.Hash.AsSpan().SequenceCompareTo(b.Hash));
        CheckCollisions(entries);

        var entryOfNode = new int[zone.Nodes.Count];
        Array.Fill(entryOfNode, -1);
        var apexTypes = extraApexTypes?.ToArray() ?? [];
        var types = new TypeBitmapWriter();
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            entryOfNode[entry.Node.Index] = i;
            AddTypes(entry.Node, apexTypes, types);
            var next = entries[(i + 1) % entries.Length].Hash;
            entry.Record = new ResourceRecord(Nsec3Hash.OwnerName(entry.Hash, zone.Origin), RRType.NSEC3, ttl, Rdata(parameters, next, types));
        }

        var param = new ResourceRecord(zone.Origin, RRType.NSEC3PARAM, ParamTtl(zone), parameters.ParamRdata());
        return new Nsec3Chain(zone, parameters, entries, entryOfNode, ttl, param);
    }

    /// <summary>
    /// RFC 5155 §7.1: "If a hash collision is detected, then a new salt has to be chosen, and the
    /// signing process restarted." The caller chooses the salt; here it is an error. Equal hashes are
    /// adjacent once sorted.
    /// </summary>
    internal static void CheckCollisions(Nsec3Entry[] sorted)
    {
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Hash.AsSpan().SequenceEqual(sorted[i - 1].Hash))
            {
                throw new Nsec3HashCollisionException(sorted[i - 1].Node.Name, sorted[i].Node.Name, Nsec3Hash.ToLabel(sorted[i].Hash));
            }
        }
    }

    /// <summary>
    /// The names of the chain. RFC 5155 §7.1: "Each owner name within the zone that owns authoritative
    /// RRSets MUST have a corresponding NSEC3 RR. Owner names that correspond to unsigned delegations MAY
    /// have a corresponding NSEC3 RR" (we leave them out only with Opt-Out, where an Opt-Out NSEC3 covers
    /// them), and "each empty non-terminal MUST have a corresponding NSEC3 RR, unless the empty
    /// non-terminal is only derived from an insecure delegation covered by an Opt-Out NSEC3 RR".
    /// </summary>
    private static List<ZoneNode> Select(Zone zone, bool optOut)
    {
        var nodes = zone.Nodes;
        var included = new bool[nodes.Count];
        // Descendants sort after their ancestors (RFC 4034 §6.1), so walking backwards settles every
        // name below an empty non-terminal before the empty non-terminal itself.
        var leadsToChain = new bool[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (node.Is(NodeFlags.Occluded)) { continue; }
            bool include;
            if (DenialRules.OwnsData(node))
            {
                include = !(optOut && node.Is(NodeFlags.Delegation) && !DenialRules.IsSecureDelegation(node));
            }
            else
            {
                // An empty non-terminal (or a name holding only records the signer ignores).
                include = !optOut || leadsToChain[i];
            }
            included[i] = include;
            if (include && node.Parent is { } parent) { leadsToChain[parent.Index] = true; }
        }
        var selected = new List<ZoneNode>();
        for (int i = 0; i < nodes.Count; i++) { if (included[i]) { selected.Add(nodes[i]); } }
        return selected;
    }

    /// <summary>
    /// RFC 5155 §7.1: the types present at the original owner name, never NSEC3 itself; RRSIG when the
    /// signer signs something there (not at an empty non-terminal, not at an unsigned delegation, where
    /// only NS lives and NS is not signed, RFC 4035 §2.2); NSEC3PARAM at the apex.
    /// </summary>
    private static void AddTypes(ZoneNode node, ushort[] apexTypes, TypeBitmapWriter types)
    {
        DenialRules.AddOwnTypes(node, types);
        if (node.Is(NodeFlags.Apex))
        {
            foreach (ushort type in apexTypes) { types.Add(type); }
            types.Add(RRType.NSEC3PARAM);
        }
        bool signed = node.Is(NodeFlags.Delegation) ? DenialRules.IsSecureDelegation(node) : !types.IsEmpty;
        if (signed) { types.Add(RRType.RRSIG); }
    }

    /// <summary>RFC 5155 §3.2: algorithm, flags, iterations, salt, hash length, next hashed owner, type bit maps.</summary>
    private static byte[] Rdata(Nsec3Parameters parameters, byte[] nextHash, TypeBitmapWriter types)
    {
        var rdata = new byte[5 + parameters.Salt.Length + 1 + nextHash.Length + types.EncodedLength];
        int pos = parameters.WriteHeader(rdata, parameters.Nsec3Flags);
        rdata[pos++] = (byte)nextHash.Length;
        nextHash.CopyTo(rdata, pos);
        types.WriteTo(rdata.AsSpan(pos + nextHash.Length));
        return rdata;
    }

    /// <summary>
    /// The NSEC3PARAM is ordinary apex data (RFC 5155 §4), not a negative-answer record: it takes the
    /// SOA's TTL as BIND and Knot give it.
    /// </summary>
    private static uint ParamTtl(Zone zone) => zone.Soa.Ttl;
}
