using System.Net.Sockets;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>A: an IPv4 address (RFC 1035 §3.4.1).</summary>
public sealed class ARecord : FieldRdataCodec
{
    public override ushort Type => RRType.A;
    protected override RdataField[] Fields { get; } = [new AddressField("address", AddressFamily.InterNetwork)];
}
