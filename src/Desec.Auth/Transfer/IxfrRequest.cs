using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Transfer;

/// <summary>The client's version in an IXFR request: the SOA in its authority section (RFC 1995 §3).</summary>
public static class IxfrRequest
{
    public static bool TryReadClientSerial(ReadOnlySpan<byte> request, int questionEnd, out uint serial)
    {
        serial = 0;
        try
        {
            int authority = (request[8] << 8) | request[9] ;
            int answers = (request[6] << 8) | request[7];
            var reader = new DnsWireReader(request, questionEnd);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            for (int i = 0; i < answers + authority; i++)
            {
                reader.ReadName(name);
                ushort type = reader.ReadUInt16();
                reader.Skip(6);
                int length = reader.ReadUInt16();
                int end = reader.Position + length;
                if (i >= answers && type == RRType.SOA)
                {
                    reader.ReadName(name); // MNAME
                    reader.ReadName(name); // RNAME
                    serial = reader.ReadUInt32();
                    return true;
                }
                reader.Skip(end - reader.Position);
            }
        }
        catch (DnsWireException) { }
        return false;
    }
}
