using Desec.Auth.Zones;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Records;

namespace Desec.Auth.Transfer;

/// <summary>
/// What a permitted zone transfer sends, in order: the current SOA, the body, the current SOA
/// again (RFC 5936 §2.2 for AXFR; RFC 1995 §4 for IXFR, whose body holds the old and new SOAs
/// that mark each difference sequence), or the current SOA alone. The records are enumerated as
/// they are written, never gathered.
/// </summary>
public sealed class TransferContent
{
    private readonly IEnumerable<ResourceRecord> _body;
    private readonly bool _bodyHoldsApexSoa;

    private TransferContent(ServedZone zone, IEnumerable<ResourceRecord> body, bool bodyHoldsApexSoa, bool soaOnly, string description)
    {
        Zone = zone;
        Soa = zone.Zone.Soa.Records.First();
        _body = body;
        _bodyHoldsApexSoa = bodyHoldsApexSoa;
        SoaOnly = soaOnly;
        Description = description;
    }

    public ServedZone Zone { get; }

    /// <summary>The current SOA, first and last.</summary>
    public ResourceRecord Soa { get; }

    /// <summary>The answer is the current SOA alone (an up-to-date IXFR client, RFC 1995 §4).</summary>
    public bool SoaOnly { get; }

    /// <summary>An IXFR answer (difference sequences or the SOA alone), not the whole zone.</summary>
    public bool IsIncremental => _bodyHoldsApexSoa;

    /// <summary>What is sent, for the log line of the transfer.</summary>
    public string Description { get; }

    /// <summary>AXFR (RFC 5936 §2.2), or IXFR answered with the whole zone (RFC 1995 §4).</summary>
    public static TransferContent Full(ServedZone zone, bool askedForIxfr) => new(zone, zone.Records, bodyHoldsApexSoa: false, soaOnly: false,
        askedForIxfr
            ? $"IXFR answered in AXFR form (serial {zone.Zone.Serial}; the journal does not reach back to the client's)"
            : $"AXFR of serial {zone.Zone.Serial}");

    /// <summary>
    /// IXFR from <paramref name="clientSerial"/> (RFC 1995 §4): the SOA alone when the client is up
    /// to date, the condensed difference when the journal reaches back to the client's version, else
    /// the whole zone.
    /// </summary>
    public static TransferContent Incremental(ServedZone zone, uint clientSerial, Journal? journal)
    {
        uint current = zone.Zone.Serial;
        if (clientSerial == current || SerialArithmetic.IsGreater(clientSerial, current))
        {
            return new TransferContent(zone, [], bodyHoldsApexSoa: true, soaOnly: true, $"IXFR from serial {clientSerial}: up to date, the SOA alone");
        }
        if (journal?.ChangesBetween(clientSerial, current) is { } changes)
        {
            var soa = zone.Zone.Soa.Records.First();
            var oldSoa = soa with { Rdata = ZoneSigner.WithSerial(soa.Rdata, clientSerial) };
            IEnumerable<ResourceRecord> body = [oldSoa, .. changes.Removed, soa, .. changes.Added];
            return new TransferContent(zone, body, bodyHoldsApexSoa: true, soaOnly: false,
                $"IXFR from serial {clientSerial} to {current}: {changes.Removed.Count} records removed, {changes.Added.Count} added");
        }
        return Full(zone, askedForIxfr: true);
    }

    /// <summary>Every record of the answer in order, both SOAs included.</summary>
    public IEnumerable<ResourceRecord> Records()
    {
        yield return Soa;
        if (SoaOnly) { yield break; }
        foreach (var record in _body)
        {
            // In the AXFR form the apex SOA goes first and last only (RFC 5936 §2.2).
            if (!_bodyHoldsApexSoa && record.Type == RRType.SOA && record.Owner.Equals(Soa.Owner)) { continue; }
            yield return record;
        }
        yield return Soa;
    }

    /// <summary>Writes the whole answer into one message (IXFR over UDP); false when it does not fit.</summary>
    public bool TryWriteAll(ref MessageWriter writer)
    {
        foreach (var record in Records())
        {
            if (!TryAdd(ref writer, record)) { return false; }
        }
        return true;
    }

    /// <summary>The current SOA alone: over UDP it tells the client to come back over TCP (RFC 1995 §2).</summary>
    public bool TryWriteSoaAlone(ref MessageWriter writer) => TryAdd(ref writer, Soa);

    public static bool TryAdd(ref MessageWriter writer, ResourceRecord record) =>
        writer.TryAddRecord(MessageSection.Answer, record.Owner.Wire, record.Type, RRClass.IN, record.Ttl, record.Rdata);
}
