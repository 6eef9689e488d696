using System.Globalization;

namespace Desec.Zone.Records;

/// <summary>CLASS values. Zones here are class IN only; the others are named for messages.</summary>
public static class RRClass
{
    public const ushort IN = 1, CH = 3, HS = 4, NONE = 254, ANY = 255;

    public static string ToText(ushort value) => value switch
    {
        IN => "IN",
        CH => "CH",
        HS => "HS",
        NONE => "NONE",
        ANY => "ANY",
        _ => "CLASS" + value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Accepts IN, CH, HS, NONE, ANY in any case and the generic <c>CLASSnnn</c> form (RFC 3597 §5).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ushort value)
    {
        value = text switch
        {
            _ when text.Equals("IN", StringComparison.OrdinalIgnoreCase) => IN,
            _ when text.Equals("CH", StringComparison.OrdinalIgnoreCase) => CH,
            _ when text.Equals("HS", StringComparison.OrdinalIgnoreCase) => HS,
            _ when text.Equals("NONE", StringComparison.OrdinalIgnoreCase) => NONE,
            _ when text.Equals("ANY", StringComparison.OrdinalIgnoreCase) => ANY,
            _ => 0,
        };
        if (value != 0) { return true; }
        return text.Length > 5 && text[..5].Equals("CLASS", StringComparison.OrdinalIgnoreCase)
            && char.IsAsciiDigit(text[5])
            && ushort.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
