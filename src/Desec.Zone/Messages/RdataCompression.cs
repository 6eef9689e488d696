using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>
/// Writes canonical RDATA into a message. Names inside RDATA are compressed only for the
/// RFC 1035 types (RFC 3597 §4: NS, CNAME, SOA, PTR, MX here); every other type is copied as is.
/// </summary>
public static class RdataCompression
{
    public static bool TryWrite(ref DnsMessageWriter writer, ushort type, scoped ReadOnlySpan<byte> rdata)
    {
        switch (type)
        {
            case RRType.NS or RRType.CNAME or RRType.PTR:
                return writer.TryWriteName(rdata);
            case RRType.MX:
                return writer.TryWriteBytes(rdata[..2]) && writer.TryWriteName(rdata[2..]);
            case RRType.SOA:
                int mname = DnsName.WireLength(rdata);
                int rname = DnsName.WireLength(rdata[mname..]);
                return writer.TryWriteName(rdata[..mname]) && writer.TryWriteName(rdata.Slice(mname, rname))
                    && writer.TryWriteBytes(rdata[(mname + rname)..]);
            default:
                return writer.TryWriteBytes(rdata);
        }
    }
}
