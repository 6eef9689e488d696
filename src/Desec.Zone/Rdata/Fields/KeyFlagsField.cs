using System.Collections.Frozen;
using System.Globalization;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// The 16-bit flags of DNSKEY, CDNSKEY, KEY and RKEY (RFC 4034 §2.1.1, RFC 2535 §3.1.2): a
/// decimal number, a hex number after <c>0x</c>, or flag names joined by <c>|</c> in any case, as
/// BIND reads them (<c>ZONE</c> is 256, <c>ZONE|NOAUTH</c> 33024). The names are those of the
/// KEY flags of RFC 2535 §3.1.2 (BIND knows no name for SEP or REVOKE). Printed as a number.
/// </summary>
public sealed class KeyFlagsField(string name) : UIntField(name, 2)
{
    private static readonly FrozenDictionary<string, ushort> Names = new Dictionary<string, ushort>
    {
        // RFC 2535 §3.1.2: the A/C bits (0-1), the extension bit (3), the name type (6-7), the signatory field (12-15).
        ["NOCONF"] = 0x4000, ["NOAUTH"] = 0x8000, ["NOKEY"] = 0xC000, ["FLAG2"] = 0x2000, ["EXTEND"] = 0x1000,
        ["FLAG4"] = 0x0800, ["FLAG5"] = 0x0400, ["USER"] = 0x0000, ["ZONE"] = 0x0100, ["HOST"] = 0x0200,
        ["NTYP3"] = 0x0300, ["FLAG8"] = 0x0080, ["FLAG9"] = 0x0040, ["FLAG10"] = 0x0020, ["FLAG11"] = 0x0010,
        ["SIG0"] = 0, ["SIG1"] = 1, ["SIG2"] = 2, ["SIG3"] = 3, ["SIG4"] = 4, ["SIG5"] = 5, ["SIG6"] = 6, ["SIG7"] = 7,
        ["SIG8"] = 8, ["SIG9"] = 9, ["SIG10"] = 10, ["SIG11"] = 11, ["SIG12"] = 12, ["SIG13"] = 13, ["SIG14"] = 14, ["SIG15"] = 15,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    protected override bool TryParseValue(string text, out uint value)
    {
        if (base.TryParseValue(text, out value)) { return true; }
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return text.Length > 2 && uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
                && value <= ushort.MaxValue;
        }
        value = 0;
        var parts = text.Split('|');
        for (int i = 0; i < parts.Length; i++)
        {
            // BIND ignores one empty name at the end ("ZONE|"); an empty name elsewhere it reads as
            // NOCONF by accident, which is refused here.
            if (parts[i].Length == 0 && i == parts.Length - 1 && i > 0) { continue; }
            if (!Names.TryGetValue(parts[i], out ushort flag)) { return false; }
            value |= flag;
        }
        return true;
    }
}
