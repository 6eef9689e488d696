using System.Net.Sockets;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>AAAA: an IPv6 address (RFC 3596 §2.2), written as in RFC 4291 §2.2 and printed as in RFC 5952.</summary>
public sealed class AaaaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.AAAA;
    protected override RdataField[] Fields { get; } = [new AddressField("address", AddressFamily.InterNetworkV6)];
}
