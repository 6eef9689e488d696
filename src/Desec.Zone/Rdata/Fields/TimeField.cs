using System.Globalization;
using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// An RRSIG signature expiration or inception time (RFC 4034 §3.1.5, §3.2): 32-bit seconds since
/// 1970-01-01 00:00:00 UTC, modulo 2^32. Text is <c>YYYYMMDDHHmmSS</c> in UTC or a plain decimal
/// number of seconds (not for SIG: <paramref name="secondsAllowed"/>, as BIND reads it); it is
/// printed as <c>YYYYMMDDHHmmSS</c>.
/// </summary>
public sealed class TimeField(string name, bool secondsAllowed = true) : UIntField(name, 4)
{
    private const string Layout = "yyyyMMddHHmmss";

    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || (!secondsAllowed && token.Text.Length != 14) || !TryParseTime(token.Text, out uint value))
        {
            throw tokens.Error(token, secondsAllowed
                ? $"expected {Name} as YYYYMMDDHHmmSS (UTC) or seconds since 1970, found '{token.Text}'"
                : $"expected {Name} as YYYYMMDDHHmmSS (UTC), found '{token.Text}'");
        }
        Write(output, value);
    }

    /// <summary>
    /// Exactly 14 digits are a date (RFC 4034 §3.2 tells the forms apart that way); fewer are
    /// seconds. Any date is taken modulo 2^32 (RFC 4034 §3.1.5 uses serial number arithmetic,
    /// RFC 1982), as BIND does: <c>19691231235959</c> is 2^32-1. Printing reads the value as
    /// unsigned seconds since 1970 (years 1970 to 2106), which does not depend on the clock
    /// (BIND picks the date nearest to now) and reads back to the same value.
    /// </summary>
    public static bool TryParseTime(string text, out uint value)
    {
        value = 0;
        if (text.Length != 14) { return PresentationText.TryParseUInt(text, uint.MaxValue, out value); }
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c)) { return false; }
        }
        if (!DateTime.TryParseExact(text, Layout, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }
        long seconds = new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds();
        value = (uint)(seconds & uint.MaxValue);
        return true;
    }

    public static string FormatTime(uint value) =>
        DateTimeOffset.FromUnixTimeSeconds(value).UtcDateTime.ToString(Layout, CultureInfo.InvariantCulture);

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        output.Append(FormatTime(ReadValue(rdata, position, 4)));
        position += 4;
    }
}
