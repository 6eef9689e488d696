using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// WALLET: public wallet addresses, one or more character-strings as TXT (IANA registration of
/// 2024, as BIND reads it).
/// </summary>
public sealed class WalletRecord : FieldRdataCodec
{
    public override ushort Type => RRType.WALLET;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("text", repeated: true),
    ];
}
