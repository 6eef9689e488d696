using Desec.Zone.Names;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

/// <summary>
/// The NSEC records an answer's authority section needs (RFC 4035 §3.1.3), as indices into
/// <see cref="NsecChain.Records"/>. Names are uncompressed wire spans in any letter case; nothing is allocated.
/// </summary>
public static class NsecProofs
{
    private const int WildcardPrefixLength = 2;

    /// <summary>
    /// Name error (RFC 4035 §3.1.3.2): the NSEC covering the query name and the NSEC covering the
    /// wildcard at its closest encloser, which proves no wildcard could have answered instead. One
    /// record often does both; it is listed once.
    /// </summary>
    public static DenialProof NameError(NsecChain chain, ReadOnlySpan<byte> qname)
    {
        var proof = DenialProof.Empty.With(chain.FindCovering(qname));
        if (!chain.Zone.TryFindClosestEncloser(qname, out var encloser)) { return proof; }
        Span<byte> wildcard = stackalloc byte[DnsName.MaxLength + WildcardPrefixLength];
        int length = Wildcard(encloser.Name, wildcard);
        return length == 0 ? proof : proof.With(chain.FindCovering(wildcard[..length]));
    }

    /// <summary>
    /// No data (RFC 4035 §3.1.3.1): the NSEC at the query name, whose bitmap lacks the type and CNAME.
    /// At an empty non-terminal there is none: the NSEC before it, whose next name lies below it,
    /// shows that the name exists and owns no RRset (RFC 4592 §2.2.2; RFC 5155 §7.2.3 solves the
    /// same case with an NSEC3 of its own). Also the DS no-data proof at an unsigned delegation, whose
    /// NSEC shows NS without DS (RFC 4035 §3.1.4.1 with §2.4).
    /// </summary>
    public static DenialProof NoData(NsecChain chain, ReadOnlySpan<byte> qname)
    {
        int index = chain.Find(qname, out _);
        return DenialProof.Empty.With(index);
    }

    /// <summary>
    /// Wildcard answer (RFC 4035 §3.1.3.3): the NSEC covering the query name, proving that no closer
    /// match exists than the wildcard that answered.
    /// </summary>
    public static DenialProof WildcardAnswer(NsecChain chain, ReadOnlySpan<byte> qname) =>
        DenialProof.Empty.With(chain.FindCovering(qname));

    /// <summary>
    /// Wildcard no data (RFC 4035 §3.1.3.4): the NSEC covering the query name (no exact match) and
    /// the NSEC of the wildcard at the closest encloser (the wildcard lacks the type).
    /// </summary>
    public static DenialProof WildcardNoData(NsecChain chain, ReadOnlySpan<byte> qname)
    {
        var proof = DenialProof.Empty.With(chain.FindCovering(qname));
        if (!chain.Zone.TryFindClosestEncloser(qname, out var encloser)) { return proof; }
        Span<byte> wildcard = stackalloc byte[DnsName.MaxLength + WildcardPrefixLength];
        int length = Wildcard(encloser.Name, wildcard);
        return length == 0 ? proof : proof.With(chain.Find(wildcard[..length], out _));
    }

    /// <summary>
    /// <see cref="NameError(NsecChain, ReadOnlySpan{byte})"/> from a name the query path resolved
    /// already: <paramref name="previous"/> is the last node before the query name in canonical
    /// order, <paramref name="wildcardPrevious"/> the last node before the wildcard at the closest
    /// encloser (null when that wildcard would be too long a name). No name is looked up again.
    /// </summary>
    public static DenialProof NameError(NsecChain chain, ZoneNode previous, ZoneNode? wildcardPrevious) =>
        DenialProof.Empty.With(chain.EntryAtOrBefore(previous)).With(wildcardPrevious is null ? -1 : chain.EntryAtOrBefore(wildcardPrevious));

    /// <summary><see cref="NoData(NsecChain, ReadOnlySpan{byte})"/> at a node already found (the query name or a zone cut).</summary>
    public static DenialProof NoData(NsecChain chain, ZoneNode node) => DenialProof.Empty.With(chain.EntryAtOrBefore(node));

    /// <summary><see cref="WildcardAnswer(NsecChain, ReadOnlySpan{byte})"/> from the last node before the query name.</summary>
    public static DenialProof WildcardAnswer(NsecChain chain, ZoneNode previous) => DenialProof.Empty.With(chain.EntryAtOrBefore(previous));

    /// <summary>
    /// <see cref="WildcardNoData(NsecChain, ReadOnlySpan{byte})"/> from the last node before the
    /// query name and the wildcard node that matched.
    /// </summary>
    public static DenialProof WildcardNoData(NsecChain chain, ZoneNode previous, ZoneNode wildcard) =>
        DenialProof.Empty.With(chain.EntryAtOrBefore(previous)).With(chain.EntryAtOrBefore(wildcard));

    public static DenialProof NameError(NsecChain chain, DnsName qname) => NameError(chain, qname.Wire);
    public static DenialProof NoData(NsecChain chain, DnsName qname) => NoData(chain, qname.Wire);
    public static DenialProof WildcardAnswer(NsecChain chain, DnsName qname) => WildcardAnswer(chain, qname.Wire);
    public static DenialProof WildcardNoData(NsecChain chain, DnsName qname) => WildcardNoData(chain, qname.Wire);

    /// <summary>Writes <c>*.encloser</c> into <paramref name="destination"/>; 0 when it would be longer than a name may be.</summary>
    private static int Wildcard(DnsName encloser, Span<byte> destination)
    {
        if (encloser.Length + WildcardPrefixLength > DnsName.MaxLength) { return 0; }
        destination[0] = 1;
        destination[1] = (byte)'*';
        encloser.Wire.CopyTo(destination[WildcardPrefixLength..]);
        return encloser.Length + WildcardPrefixLength;
    }
}
