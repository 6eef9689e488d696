using Desec.Zone.Names;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

/// <summary>
/// The NSEC3 records an answer's authority section needs (RFC 5155 §7.2), as indices into
/// <see cref="Nsec3Chain.Entries"/>. Names are uncompressed wire spans in any letter case; the
/// next closer and wildcard names are hashed in stack buffers; nothing is allocated.
/// </summary>
public static class Nsec3Proofs
{
    /// <summary>
    /// RFC 5155 §7.2.1: the closest provable encloser's matching NSEC3, the NSEC3 covering the next
    /// closer name (the closest encloser with one more label of <paramref name="qname"/>) and the
    /// NSEC3 matching or covering the wildcard at the closest encloser. The closest encloser is the
    /// deepest existing ancestor with an NSEC3: with Opt-Out an unsigned delegation (or an empty
    /// non-terminal leading only to one) has none, and the proof moves up to the closest provable
    /// encloser (RFC 5155 §7.2.7). False when the name is not in the zone.
    /// </summary>
    public static bool TryClosestEncloser(Nsec3Chain chain, ReadOnlySpan<byte> qname, out ClosestEncloserProof proof)
    {
        proof = default;
        if (!chain.Zone.TryFindClosestEncloser(qname, out var encloser)) { return false; }
        return TryClosestEncloser(chain, qname, encloser, out proof);
    }

    /// <summary>
    /// <see cref="TryClosestEncloser(Nsec3Chain, ReadOnlySpan{byte}, out ClosestEncloserProof)"/>
    /// from the closest encloser the query path found already (a node of any version with the
    /// chain's names): only the next closer name is hashed. False when the name is malformed.
    /// </summary>
    public static bool TryClosestEncloser(Nsec3Chain chain, ReadOnlySpan<byte> qname, ZoneNode encloser, out ClosestEncloserProof proof)
    {
        proof = default;
        if (!DnsName.TryValidateWire(qname, out int qnameLabels, out _)) { return false; }
        int match = chain.IndexOf(encloser);
        while (match < 0)
        {
            // The apex always has an NSEC3, so this ends; an occluded name's ancestors lead to its cut.
            encloser = encloser.Parent!;
            match = chain.IndexOf(encloser);
        }
        int encloserLabels = encloser.Name.LabelCount;
        if (encloserLabels == qnameLabels)
        {
            proof = new ClosestEncloserProof(encloser, match, -1, -1, false);
            return true;
        }

        Span<byte> hash = stackalloc byte[Nsec3Hash.Length];
        // The next closer name is a suffix of the query name: skip its extra labels but one.
        var nextCloser = qname[SuffixOffset(qname, qnameLabels - encloserLabels - 1)..];
        chain.Hash(nextCloser, hash);
        int nextCloserIndex = chain.Find(hash, out _);

        // The wildcard at the closest encloser: its hash depends on the encloser alone, so the chain keeps it.
        int wildcardIndex = chain.FindWildcard(encloser, out bool wildcardMatches);
        proof = new ClosestEncloserProof(encloser, match, nextCloserIndex, wildcardIndex, wildcardMatches);
        return true;
    }

    /// <summary>
    /// Name error (RFC 5155 §7.2.2): the closest encloser proof plus the NSEC3 covering the wildcard
    /// at the closest encloser (RFC 5155 Appendix B.1).
    /// </summary>
    public static DenialProof NameError(Nsec3Chain chain, ReadOnlySpan<byte> qname) =>
        TryClosestEncloser(chain, qname, out var ce) ? NameError(ce) : DenialProof.Empty;

    /// <summary><see cref="NameError(Nsec3Chain, ReadOnlySpan{byte})"/> from the closest encloser already found.</summary>
    public static DenialProof NameError(Nsec3Chain chain, ReadOnlySpan<byte> qname, ZoneNode encloser) =>
        TryClosestEncloser(chain, qname, encloser, out var ce) ? NameError(ce) : DenialProof.Empty;

    private static DenialProof NameError(in ClosestEncloserProof ce) =>
        DenialProof.Empty.With(ce.ClosestEncloserMatch).With(ce.NextCloserCover).With(ce.Wildcard);

    /// <summary>
    /// No data, QTYPE not DS (RFC 5155 §7.2.3): the NSEC3 matching the query name, whose bitmap lacks
    /// the type and CNAME (Appendix B.2; for an empty non-terminal its empty bitmap, B.2.1). When the
    /// name has no NSEC3 (an Opt-Out name) the proof falls back to §7.2.4's.
    /// </summary>
    public static DenialProof NoData(Nsec3Chain chain, ReadOnlySpan<byte> qname) => DsNoData(chain, qname);

    /// <summary>
    /// No data, QTYPE DS (RFC 5155 §7.2.4): the NSEC3 matching the name when there is one (B.6);
    /// otherwise the closest provable encloser's NSEC3 and the Opt-Out NSEC3 covering the next closer name.
    /// </summary>
    public static DenialProof DsNoData(Nsec3Chain chain, ReadOnlySpan<byte> qname) =>
        TryClosestEncloser(chain, qname, out var ce) ? NoData(ce) : DenialProof.Empty;

    /// <summary>
    /// <see cref="NoData(Nsec3Chain, ReadOnlySpan{byte})"/> and <see cref="DsNoData(Nsec3Chain, ReadOnlySpan{byte})"/>
    /// at a node already found (the query name or a zone cut, <paramref name="name"/> being its name).
    /// </summary>
    public static DenialProof NoData(Nsec3Chain chain, ReadOnlySpan<byte> name, ZoneNode node) =>
        TryClosestEncloser(chain, name, node, out var ce) ? NoData(ce) : DenialProof.Empty;

    private static DenialProof NoData(in ClosestEncloserProof ce) => ce.QnameMatches
        ? DenialProof.Empty.With(ce.ClosestEncloserMatch)
        : DenialProof.Empty.With(ce.ClosestEncloserMatch).With(ce.NextCloserCover);

    /// <summary>
    /// Wildcard no data (RFC 5155 §7.2.5): the closest encloser proof and the NSEC3 matching the
    /// wildcard at the closest encloser, whose bitmap lacks the type (Appendix B.5).
    /// </summary>
    public static DenialProof WildcardNoData(Nsec3Chain chain, ReadOnlySpan<byte> qname) => NameError(chain, qname);

    /// <summary>
    /// Wildcard answer (RFC 5155 §7.2.6): only the NSEC3 covering the next closer name; the expanded
    /// RRSIG's labels field already names the closest encloser (Appendix B.4).
    /// </summary>
    public static DenialProof WildcardAnswer(Nsec3Chain chain, ReadOnlySpan<byte> qname) =>
        TryClosestEncloser(chain, qname, out var ce) ? DenialProof.Empty.With(ce.NextCloserCover) : DenialProof.Empty;

    /// <summary>
    /// <see cref="WildcardAnswer(Nsec3Chain, ReadOnlySpan{byte})"/> from the closest encloser already
    /// found: the parent of the wildcard that answered.
    /// </summary>
    public static DenialProof WildcardAnswer(Nsec3Chain chain, ReadOnlySpan<byte> qname, ZoneNode encloser) =>
        TryClosestEncloser(chain, qname, encloser, out var ce) ? DenialProof.Empty.With(ce.NextCloserCover) : DenialProof.Empty;

    /// <summary>
    /// Referral to an unsigned child (RFC 5155 §7.2.7): the NSEC3 matching the delegation when it has
    /// one (its bitmap shows NS without DS); with Opt-Out, the closest provable encloser's NSEC3 and the
    /// Opt-Out NSEC3 covering the next closer name (Appendix B.3). <paramref name="delegation"/> is the
    /// zone cut's name.
    /// </summary>
    public static DenialProof UnsignedReferral(Nsec3Chain chain, ReadOnlySpan<byte> delegation) => DsNoData(chain, delegation);

    public static DenialProof NameError(Nsec3Chain chain, DnsName qname) => NameError(chain, qname.Wire);
    public static DenialProof NoData(Nsec3Chain chain, DnsName qname) => NoData(chain, qname.Wire);
    public static DenialProof DsNoData(Nsec3Chain chain, DnsName qname) => DsNoData(chain, qname.Wire);
    public static DenialProof WildcardNoData(Nsec3Chain chain, DnsName qname) => WildcardNoData(chain, qname.Wire);
    public static DenialProof WildcardAnswer(Nsec3Chain chain, DnsName qname) => WildcardAnswer(chain, qname.Wire);
    public static DenialProof UnsignedReferral(Nsec3Chain chain, DnsName delegation) => UnsignedReferral(chain, delegation.Wire);

    /// <summary>Offset of the name that remains after skipping <paramref name="labels"/> labels of <paramref name="wire"/>.</summary>
    private static int SuffixOffset(ReadOnlySpan<byte> wire, int labels)
    {
        int pos = 0;
        for (int i = 0; i < labels; i++) { pos += 1 + wire[pos]; }
        return pos;
    }
}
