using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NSAP-PTR: the name an NSAP address maps to (RFC 1348); neither compressed nor lower-cased (RFC
/// 3597 §4, RFC 4034 §6.2 do not list it).
/// </summary>
public sealed class NsapPtrRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NSAPPTR;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("owner", compressible: false, lowerCase: false),
    ];
}
