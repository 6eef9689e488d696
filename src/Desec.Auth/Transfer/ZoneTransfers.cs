using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Names;

namespace Desec.Auth.Transfer;

/// <summary>
/// Decides whether a zone transfer request is served, and what it gets: the question must name a
/// served zone's apex, and the zone's <c>allow-transfer</c> list must admit the peer (address
/// and/or TSIG key).
/// </summary>
public sealed class ZoneTransfers(ZoneStore store, Func<DnsName, TransferAcl> aclFor, Journals? journals = null)
{
    /// <summary>The journal of a zone, for IXFR; null when none is kept.</summary>
    public Journal? JournalOf(DnsName zone) => journals?.Find(zone);

    /// <summary>
    /// The zone to transfer, or null when the request is refused: no served zone has this apex, or
    /// the ACL denies. Both are answered REFUSED, so that a refused peer learns nothing about
    /// which zones exist (RFC 5936 §2.2.1 allows REFUSED).
    /// </summary>
    /// <param name="verifiedKeyName">
    /// The TSIG key the request was verified with (RFC 8945), or null when it carried none. The
    /// caller verifies; here the name is only matched against <c>key:NAME</c> entries.
    /// </param>
    public ServedZone? Authorize(ReadOnlySpan<byte> questionName, in PeerAddress peer, string? verifiedKeyName)
    {
        var zone = store.Current.FindZone(questionName);
        if (zone is null || questionName.Length != zone.Origin.Length) { return null; }
        return aclFor(zone.Origin).Allows(peer, verifiedKeyName) ? zone : null;
    }

    /// <summary>
    /// What a permitted request gets: AXFR the whole zone; IXFR (RFC 1995 §4) from the client's
    /// serial when the request carries one, else the whole zone.
    /// </summary>
    public TransferContent Content(ServedZone zone, bool incremental, uint? clientSerial) =>
        incremental && clientSerial is { } serial
            ? TransferContent.Incremental(zone, serial, JournalOf(zone.Origin))
            : TransferContent.Full(zone, askedForIxfr: incremental);
}
