using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Transfer;

/// <summary>The client's version in an IXFR request: the SOA in its authority section (RFC 1995 §3).</summary>
public static class IxfrRequest
{
    /// <summary>The serial of the first SOA of the authority section; false when there is none or it is malformed.</summary>
    public static bool TryReadClientSerial(scoped in MessageReader request, out uint serial)
    {
        serial = 0;
        try
        {
            var authority = request.Section(MessageSection.Authority);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            while (authority.TryNext(out var record))
            {
                if (record.Type != RRType.SOA) { continue; }
                var rdata = record.RdataReader(request.Message);
                rdata.ReadName(name); // MNAME
                rdata.ReadName(name); // RNAME
                serial = rdata.ReadUInt32();
                return true;
            }
        }
        catch (DnsWireException) { }
        return false;
    }
}
