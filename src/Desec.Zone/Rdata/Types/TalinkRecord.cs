using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// TALINK: the previous and next names of a trust anchor history list (IANA registration of 2010,
/// as BIND reads it); neither compressed nor lower-cased.
/// </summary>
public sealed class TalinkRecord : FieldRdataCodec
{
    public override ushort Type => RRType.TALINK;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("previous name", compressible: false, lowerCase: false),
        new NameField("next name", compressible: false, lowerCase: false),
    ];
}
