using System.Buffers.Binary;
using Desec.Auth.Zones;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Query;

/// <summary>How a name was resolved in a zone (RFC 1034 §4.3.2 step 3).</summary>
public enum LookupResult { Answer, NoData, NXDomain, Referral, Cname, WildcardCname, Dname, NotInZones }

/// <summary>
/// Answers a query from the published zones, following RFC 1034 §4.3.2: find the zone by longest
/// match, look for a zone cut or DNAME above the name, then an exact match, then a wildcard
/// (RFC 4592), else NXDOMAIN. CNAME and DNAME (RFC 6672) chains are followed inside the served
/// zones. The fixed stages write straight into the response; nothing is allocated for a plain
/// hit, NODATA, NXDOMAIN or referral.
/// </summary>
public sealed class Answerer(ZoneStore store)
{
    public void Answer(ref MessageWriter response, ReadOnlySpan<byte> qname, ushort qtype, bool tcp, bool dnssecOk = false)
    {
        var zones = store.Current;
        var zone = zones.FindZone(qname);
        if (zone is null)
        {
            response.SetRcode(Rcode.Refused);
            return;
        }
        // RFC 4035 §3.1.4.1: DS lives on the parent side of a cut; answer it from the parent when served.
        if (qtype == RRType.DS && qname.Length == zone.Zone.Origin.Length && zones.FindParent(zone) is { } parent)
        {
            zone = parent;
        }
        response.SetFlags(HeaderFlags.AA);
        var additional = new AdditionalSource();
        var result = Resolve(ref response, ref additional, zone, qname, qtype, tcp, dnssecOk);
        // A CNAME query is answered by the CNAME itself, synthesized or not (RFC 1034 §3.6.2):
        // it is not chased further.
        bool answered = qtype == RRType.CNAME;
        if (result is LookupResult.Cname or LookupResult.WildcardCname or LookupResult.Dname && !answered)
        {
            // Proofs for CNAMEs synthesized from wildcards go in the authority section, so they
            // wait until every answer record of the chain is written.
            var chain = CnameChain.Start(qname, result == LookupResult.WildcardCname ? zone : null);
            FollowChain(ref response, ref additional, zones, chain, qtype, tcp, dnssecOk);
            if (dnssecOk) { AddWildcardProofs(ref response, chain); }
        }
        else if (result == LookupResult.WildcardCname && dnssecOk)
        {
            DenialAnswers.Add(ref response, zone, Denial.WildcardAnswer, qname);
        }
        // The additional section comes after every authority record (RFC 1035 §4.1).
        if (additional.Set is not null) { AddTargetAddresses(ref response, additional.Zone!, additional.Set, additional.Dnssec); }
    }

    /// <summary>The answer RRset whose NS/MX/SRV targets' addresses go in the additional section, once the authority section is written.</summary>
    private struct AdditionalSource
    {
        public ZoneData? Zone;
        public RRset? Set;
        public bool Dnssec;
    }

    private static void AddWildcardProofs(ref MessageWriter response, CnameChain chain)
    {
        for (int i = 0; i < chain.Count; i++)
        {
            if (chain.WildcardZone(i) is { } zone) { DenialAnswers.Add(ref response, zone, Denial.WildcardAnswer, chain.Name(i)); }
        }
    }

    /// <summary>Resolves one name in one zone; for CNAME/DNAME the caller follows the chain.</summary>
    private static LookupResult Resolve(ref MessageWriter response, ref AdditionalSource additional, ServedZone served, ReadOnlySpan<byte> qname, ushort qtype, bool tcp, bool dnssecOk)
    {
        var zone = served.Zone;
        // RFC 4035 §3.1: DNSSEC records go in only when the query set DO and the zone is signed.
        bool dnssec = dnssecOk && served.Signed is not null;
        if (!zone.TryFindClosestEncloser(qname, out var encloser)) { return LookupResult.NotInZones; }
        bool exact = encloser.Name.Length == qname.Length;

        // Step 3b: a cut above the name (or at it, except for DS, which the parent side answers).
        var cut = encloser.Is(NodeFlags.Occluded) ? encloser.OccludedBy : null;
        if (cut is null && encloser.Is(NodeFlags.Delegation) && !(exact && qtype == RRType.DS)) { cut = encloser; }
        if (cut is null && encloser.Is(NodeFlags.HasDname) && !exact) { cut = encloser; }
        if (cut is not null)
        {
            if (cut.Is(NodeFlags.Delegation))
            {
                Referral(ref response, served, cut, dnssec);
                return LookupResult.Referral;
            }
            return SynthesizeFromDname(ref response, cut, qname, dnssec);
        }

        if (exact) { return AnswerFromNode(ref response, ref additional, served, encloser, qname, qtype, tcp, dnssec, wildcard: false); }

        // Step 3c: the source of synthesis is the wildcard child of the closest encloser (RFC 4592 §3.3.1).
        Span<byte> wildcard = stackalloc byte[DnsName.MaxLength + 2];
        if (encloser.Name.Length + 2 <= DnsName.MaxLength)
        {
            wildcard[0] = 1;
            wildcard[1] = (byte)'*';
            encloser.Name.Wire.CopyTo(wildcard[2..]);
            if (zone.TryFind(wildcard[..(encloser.Name.Length + 2)], out var source) && !source.Is(NodeFlags.Occluded))
            {
                return AnswerFromNode(ref response, ref additional, served, source, qname, qtype, tcp, dnssec, wildcard: true);
            }
        }
        response.SetRcode(Rcode.NXDomain);
        AddNegativeSoa(ref response, zone, dnssec);
        if (dnssec) { DenialAnswers.Add(ref response, served, Denial.NameError, qname); }
        return LookupResult.NXDomain;
    }

    private static LookupResult AnswerFromNode(ref MessageWriter response, ref AdditionalSource additional, ServedZone served, ZoneNode node,
        ReadOnlySpan<byte> owner, ushort qtype, bool tcp, bool dnssec, bool wildcard)
    {
        var result = AnswerData(ref response, ref additional, served, node, owner, qtype, tcp, dnssec);
        if (dnssec)
        {
            if (result == LookupResult.NoData)
            {
                // RFC 4035 §3.1.3.1 and §3.1.3.4 (RFC 5155 §7.2.3-7.2.5); a DS query at a cut is the DS no-data case.
                var denial = wildcard ? Denial.WildcardNoData : qtype == RRType.DS ? Denial.NoDs : Denial.NoData;
                DenialAnswers.Add(ref response, served, denial, owner);
            }
            else if (wildcard && result != LookupResult.Cname)
            {
                // RFC 4035 §3.1.3.3: an answer from a wildcard proves that the query name itself does not exist.
                // (For a wildcard CNAME the caller adds it once the chain's answer records are written.)
                DenialAnswers.Add(ref response, served, Denial.WildcardAnswer, owner);
            }
        }
        return result == LookupResult.Cname && wildcard ? LookupResult.WildcardCname : result;
    }

    private static LookupResult AnswerData(ref MessageWriter response, ref AdditionalSource additional, ServedZone served, ZoneNode node,
        ReadOnlySpan<byte> owner, ushort qtype, bool tcp, bool dnssec)
    {
        var zone = served.Zone;
        if (qtype == RRType.ANY && !node.IsEmpty)
        {
            AnswerAny(ref response, node, owner, tcp, dnssec);
            return LookupResult.Answer;
        }
        if (qtype == RRType.RRSIG && node.Find(RRType.RRSIG) is not null)
        {
            // Asked for by type: every RRSIG RRset of the name (one per covered type).
            var sets = node.RRsets;
            for (int i = 0; i < sets.Count; i++)
            {
                if (sets[i].Type == RRType.RRSIG) { response.TryAdd(MessageSection.Answer, owner, sets[i], sets[i].Ttl); }
            }
            return LookupResult.Answer;
        }
        var set = node.Find(qtype);
        if (set is not null)
        {
            AddWithSignatures(ref response, MessageSection.Answer, node, owner, set, set.Ttl, dnssec);
            additional = new AdditionalSource { Zone = zone, Set = set, Dnssec = dnssec };
            return LookupResult.Answer;
        }
        if (node.Is(NodeFlags.HasCname) && node.Find(RRType.CNAME) is { } cname)
        {
            AddWithSignatures(ref response, MessageSection.Answer, node, owner, cname, cname.Ttl, dnssec);
            return LookupResult.Cname;
        }
        AddNegativeSoa(ref response, zone, dnssec);
        return LookupResult.NoData;
    }

    /// <summary>An RRset and, with DNSSEC, the RRSIGs over it (RFC 4035 §3.1.1), written under <paramref name="owner"/>.</summary>
    private static void AddWithSignatures(ref MessageWriter response, MessageSection section, ZoneNode node, ReadOnlySpan<byte> owner,
        RRset set, uint ttl, bool dnssec)
    {
        if (!response.TryAdd(section, owner, set, ttl) || !dnssec) { return; }
        if (node.FindSignatures(set.Type) is { } signatures) { response.TryAdd(section, owner, signatures, ttl); }
    }

    /// <summary>
    /// RFC 8482 §4.1: over UDP, one RRset is enough (the first by type); over TCP, where size
    /// is no amplification risk, every RRset of the name.
    /// </summary>
    private static void AnswerAny(ref MessageWriter response, ZoneNode node, ReadOnlySpan<byte> owner, bool tcp, bool dnssec)
    {
        var sets = node.RRsets;
        for (int i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            if (set.Type is RRType.RRSIG or RRType.NSEC or RRType.NSEC3) { continue; }
            AddWithSignatures(ref response, MessageSection.Answer, node, owner, set, set.Ttl, dnssec);
            if (!tcp) { return; }
        }
    }

    /// <summary>RFC 1034 §4.3.2 step 3b: NS of the cut in authority, AA clear, glue in additional.</summary>
    private static void Referral(ref MessageWriter response, ServedZone served, ZoneNode cut, bool dnssec)
    {
        response.ClearFlags(HeaderFlags.AA);
        if (cut.Find(RRType.NS) is { } ns) { response.TryAdd(MessageSection.Authority, ns); }
        if (dnssec)
        {
            // RFC 4035 §3.1.4: the signed DS of a secure delegation, or the proof that there is none.
            if (cut.Find(RRType.DS) is { } ds) { AddWithSignatures(ref response, MessageSection.Authority, cut, ds.Owner.Wire, ds, ds.Ttl, dnssec); }
            else { DenialAnswers.Add(ref response, served, Denial.NoDs, cut.Name.Wire); }
        }
        // Indexed loops: enumerating an IReadOnlyList would allocate on every referral.
        var glue = cut.Glue;
        for (int i = 0; i < glue.Count; i++)
        {
            // RFC 9471 §3: glue for in-domain name servers must fit, else the response is truncated.
            if (!response.TryAdd(MessageSection.Additional, glue[i])) { response.MarkTruncated(); }
        }
        var siblingGlue = cut.SiblingGlue;
        for (int i = 0; i < siblingGlue.Count; i++) { response.TryAdd(MessageSection.Additional, siblingGlue[i]); }
    }

    /// <summary>RFC 6672 §3.3: the DNAME, then a CNAME from the query name to its rewrite (TTL of the DNAME).</summary>
    private static LookupResult SynthesizeFromDname(ref MessageWriter response, ZoneNode dnameNode, ReadOnlySpan<byte> qname, bool dnssec)
    {
        var dname = dnameNode.Find(RRType.DNAME)!;
        // RFC 6672 §5.3.1: the DNAME is signed; the CNAME synthesized from it is not.
        AddWithSignatures(ref response, MessageSection.Answer, dnameNode, dname.Owner.Wire, dname, dname.Ttl, dnssec);
        Span<byte> target = stackalloc byte[DnsName.MaxLength + DnsName.MaxLength];
        int length = Rewrite(qname, dnameNode.Name.Length, dname.Rdatas[0], target);
        if (length > DnsName.MaxLength)
        {
            response.SetRcode(Rcode.YXDomain); // the rewritten name is too long (RFC 6672 §2.2)
            return LookupResult.Answer;
        }
        response.TryAddRecord(MessageSection.Answer, qname, RRType.CNAME, RRClass.IN, dname.Ttl, target[..length]);
        return LookupResult.Dname;
    }

    /// <summary>Replaces the <paramref name="suffixLength"/>-octet owner suffix of <paramref name="name"/> with <paramref name="target"/>.</summary>
    private static int Rewrite(ReadOnlySpan<byte> name, int suffixLength, ReadOnlySpan<byte> target, Span<byte> output)
    {
        int prefix = name.Length - suffixLength;
        name[..prefix].CopyTo(output);
        target.CopyTo(output[prefix..]);
        return prefix + target.Length;
    }

    /// <summary>
    /// Follows CNAMEs (and DNAME rewrites) from the answer already written, inside the served
    /// zones, each step added to the answer (RFC 1034 §3.6.2); a name seen before ends the chain.
    /// </summary>
    private static void FollowChain(ref MessageWriter response, ref AdditionalSource additional, ZoneSet zones, CnameChain chain, ushort qtype, bool tcp, bool dnssecOk)
    {
        while (chain.Count < CnameChain.MaxLength)
        {
            int length = NextInChain(zones, chain.Name(chain.Count - 1), chain.Next);
            if (length == 0 || !chain.Commit(length)) { return; }
            int step = chain.Count - 1;
            var current = chain.Name(step);
            var zone = zones.FindZone(current);
            if (zone is null) { return; }
            var result = Resolve(ref response, ref additional, zone, current, qtype, tcp, dnssecOk);
            if (result == LookupResult.WildcardCname) { chain.MarkWildcard(step, zone); }
            if (result is not (LookupResult.Cname or LookupResult.WildcardCname or LookupResult.Dname)) { return; }
        }
    }

    /// <summary>
    /// Writes where the CNAME at (or DNAME above) <paramref name="name"/> points into
    /// <paramref name="next"/> and returns its length; 0 at the end of the chain.
    /// </summary>
    private static int NextInChain(ZoneSet zones, ReadOnlySpan<byte> name, Span<byte> next)
    {
        var zone = zones.FindZone(name)?.Zone;
        if (zone is null || !zone.TryFindClosestEncloser(name, out var node)) { return 0; }
        if (node.Name.Length == name.Length && node.Find(RRType.CNAME) is { } cname)
        {
            return CopyName(cname.Rdatas[0], next);
        }
        if (node.Name.Length != name.Length && !node.Is(NodeFlags.HasDname) && !node.Is(NodeFlags.Occluded))
        {
            // A wildcard CNAME (RFC 4592 §4.3).
            if (node.Name.Length + 2 > DnsName.MaxLength) { return 0; }
            Span<byte> wildcard = stackalloc byte[DnsName.MaxLength];
            wildcard[0] = 1;
            wildcard[1] = (byte)'*';
            node.Name.Wire.CopyTo(wildcard[2..]);
            if (zone.TryFind(wildcard[..(node.Name.Length + 2)], out var source) && source.Find(RRType.CNAME) is { } synthesized)
            {
                return CopyName(synthesized.Rdatas[0], next);
            }
            return 0;
        }
        var dnameNode = node.Is(NodeFlags.HasDname) ? node : node.OccludedBy;
        if (dnameNode?.Find(RRType.DNAME) is not { } dname) { return 0; }
        Span<byte> target = stackalloc byte[2 * DnsName.MaxLength];
        int length = Rewrite(name, dnameNode.Name.Length, dname.Rdatas[0], target);
        return length <= DnsName.MaxLength ? CopyName(target[..length], next) : 0;
    }

    private static int CopyName(ReadOnlySpan<byte> name, Span<byte> destination)
    {
        if (name.Length > destination.Length) { return 0; }
        name.CopyTo(destination);
        return name.Length;
    }

    /// <summary>RFC 2308 §3: the SOA in authority, its TTL the lesser of the SOA TTL and MINIMUM (RFC 2308 §5).</summary>
    private static void AddNegativeSoa(ref MessageWriter response, ZoneData zone, bool dnssec)
    {
        var soa = zone.Soa;
        uint minimum = BinaryPrimitives.ReadUInt32BigEndian(soa.Rdatas[0].AsSpan(soa.Rdatas[0].Length - 4));
        AddWithSignatures(ref response, MessageSection.Authority, zone.Apex, soa.Owner.Wire, soa, Math.Min(soa.Ttl, minimum), dnssec);
    }

    /// <summary>
    /// RFC 1034 §3.6 / RFC 2782: addresses of the hosts that NS, MX and SRV records name, when they
    /// are in the zone, as room allows (never TC for these).
    /// </summary>
    private static void AddTargetAddresses(ref MessageWriter response, ZoneData zone, RRset set, bool dnssec)
    {
        int targetOffset = set.Type switch { RRType.NS => 0, RRType.MX => 2, RRType.SRV => 6, _ => -1 };
        if (targetOffset < 0) { return; }
        for (int i = 0; i < set.Rdatas.Count; i++)
        {
            var target = set.Rdatas[i].AsSpan(targetOffset);
            if (SeenEarlier(set, i, targetOffset, target)) { continue; }
            if (!zone.TryFind(target, out var node) || (node.Is(NodeFlags.Occluded) && !IsGlueFor(set, zone))) { continue; }
            bool signedHere = dnssec && !node.Is(NodeFlags.Occluded);
            if (node.Find(RRType.A) is { } a) { AddWithSignatures(ref response, MessageSection.Additional, node, a.Owner.Wire, a, a.Ttl, signedHere); }
            if (node.Find(RRType.AAAA) is { } aaaa) { AddWithSignatures(ref response, MessageSection.Additional, node, aaaa.Owner.Wire, aaaa, aaaa.Ttl, signedHere); }
        }
    }

    private static bool IsGlueFor(RRset set, ZoneData zone) => set.Type == RRType.NS && set.Owner == zone.Origin;

    private static bool SeenEarlier(RRset set, int index, int offset, ReadOnlySpan<byte> target)
    {
        for (int j = 0; j < index; j++)
        {
            if (DnsName.AsciiEqualsIgnoreCase(set.Rdatas[j].AsSpan(offset), target)) { return true; }
        }
        return false;
    }
}
