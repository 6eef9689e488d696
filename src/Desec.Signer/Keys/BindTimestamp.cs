using System.Globalization;

namespace Desec.Signer.Keys;

/// <summary>BIND's key timing format: <c>YYYYMMDDHHMMSS</c> in UTC (dnssec-settime(8)).</summary>
internal static class BindTimestamp
{
    private const string Format = "yyyyMMddHHmmss";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The comment form BIND adds in .key files, like C's ctime: <c>Sat Nov 28 11:05:19 2026</c>.</summary>
    public static string ToCtime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.ToString("ddd MMM ", CultureInfo.InvariantCulture)
            + utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + utc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
