using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Query;

/// <summary>
/// Reads a request: header, the one question, and the OPT record. Anything malformed is reported
/// as a result, never as an exception to the caller.
/// </summary>
public static class QueryParser
{
    private const ushort OptionNsid = 3;

    /// <summary>
    /// Whether the request's question asks for a zone transfer (QTYPE AXFR or IXFR), read by
    /// skipping the question name without parsing the rest: the stream transport asks this of every
    /// query, and only transfers need the full parse a second time.
    /// </summary>
    public static bool AsksForTransfer(ReadOnlySpan<byte> message)
    {
        int position = DnsHeader.Length;
        // RFC 1035 §4.1.2: the question name is a sequence of labels ending with the root (no compression here).
        while (position < message.Length)
        {
            int label = message[position];
            if (label == 0) { break; }
            if (label > 63) { return false; }
            position += 1 + label;
        }
        if (position + 3 > message.Length) { return false; }
        ushort type = (ushort)((message[position + 1] << 8) | message[position + 2]);
        return type is RRType.AXFR or RRType.IXFR;
    }

    public static QueryParseResult Parse(ReadOnlySpan<byte> message, out ParsedQuery query)
    {
        query = default;
        if (message.Length < DnsHeader.Length) { return QueryParseResult.Drop; }
        query.Id = DnsHeader.Id(message);
        query.Flags = DnsHeader.Flags(message);
        query.Opcode = DnsHeader.Opcode(query.Flags);
        query.QuestionOffset = DnsHeader.Length;
        if ((query.Flags & DnsHeader.QR) != 0) { return QueryParseResult.Drop; }

        // RFC 1035 §4.1.2 allows several questions, but no server answers more than one;
        // QDCOUNT other than 1 is FORMERR in practice (RFC 9619 makes it normative for QUERY).
        if (DnsHeader.Count(message, 0) != 1)
        {
            return query.Opcode == DnsHeader.OpcodeQuery ? QueryParseResult.FormErr : QueryParseResult.NotImp;
        }
        try
        {
            var reader = new DnsWireReader(message, DnsHeader.Length);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            query.QuestionNameLength = reader.ReadName(name, allowCompression: false);
            query.QType = reader.ReadUInt16();
            query.QClass = reader.ReadUInt16();
            query.QuestionEnd = reader.Position;

            // This server is the primary: a NOTIFY sent to it is refused (RFC 1996 §3.10 leaves the answer to policy).
            if (query.Opcode == DnsHeader.OpcodeNotify) { return QueryParseResult.Refused; }
            if (query.Opcode != DnsHeader.OpcodeQuery) { return QueryParseResult.NotImp; }

            SkipRecords(ref reader, DnsHeader.Count(message, 1) + DnsHeader.Count(message, 2));
            var edns = ReadAdditional(ref reader, DnsHeader.Count(message, 3), ref query);
            if (edns != QueryParseResult.Ok) { return edns; }
            if (reader.Remaining != 0) { return QueryParseResult.FormErr; }
        }
        catch (DnsWireException)
        {
            return QueryParseResult.FormErr;
        }
        if (RRType.IsMetaOrQuery(query.QType) && query.QType != RRType.ANY && query.QType != RRType.AXFR && query.QType != RRType.IXFR)
        {
            return QueryParseResult.FormErr;
        }
        if (query.QClass != RRClass.IN) { return QueryParseResult.Refused; }
        return query.HasEdns && query.EdnsVersion > 0 ? QueryParseResult.BadVers : QueryParseResult.Ok;
    }

    private static void SkipRecords(ref DnsWireReader reader, int count)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        for (int i = 0; i < count; i++)
        {
            reader.ReadName(name);
            reader.Skip(8);
            reader.Skip(reader.ReadUInt16());
        }
    }

    /// <summary>Finds the OPT record (RFC 6891 §6.1.1: at most one, owner the root) among the additional records.</summary>
    private static QueryParseResult ReadAdditional(ref DnsWireReader reader, int count, ref ParsedQuery query)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        for (int i = 0; i < count; i++)
        {
            int nameLength = reader.ReadName(name);
            ushort type = reader.ReadUInt16();
            if (type != RRType.OPT)
            {
                if (type == RRType.TSIG) { query.HasTsig = true; }
                reader.Skip(6);
                reader.Skip(reader.ReadUInt16());
                continue;
            }
            if (query.HasEdns || nameLength != 1) { return QueryParseResult.FormErr; }
            query.HasEdns = true;
            query.UdpPayloadSize = Math.Max((ushort)512, reader.ReadUInt16());
            reader.ReadByte(); // extended RCODE: meaningless in a query
            query.EdnsVersion = reader.ReadByte();
            query.DnssecOk = (reader.ReadUInt16() & 0x8000) != 0;
            int length = reader.ReadUInt16();
            var options = new DnsWireReader(reader.ReadBytes(length));
            while (options.Remaining > 0)
            {
                ushort code = options.ReadUInt16();
                int optionLength = options.ReadUInt16();
                options.Skip(optionLength);
                if (code == OptionNsid) { query.NsidRequested = true; }
            }
        }
        return QueryParseResult.Ok;
    }
}
