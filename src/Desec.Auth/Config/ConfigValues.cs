using System.Globalization;
using System.Text.RegularExpressions;

namespace Desec.Auth.Config;

/// <summary>Sizes and durations written the way Knot's configuration writes them (<c>100M</c>, <c>14d</c>).</summary>
public static partial class ConfigValues
{
    /// <summary>Octets: a number with an optional unit B, K, M or G (powers of 1024, as in Knot).</summary>
    public static long ParseSize(string text, string where)
    {
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            throw new ConfigException($"{where}: '{text}' is not a size (a number with an optional unit B, K, M or G, e.g. 100M)");
        }
        int shift = match.Groups[2].Value.ToUpperInvariant() switch { "K" => 10, "M" => 20, "G" => 30, _ => 0 };
        if (number > long.MaxValue >> shift) { throw new ConfigException($"{where}: '{text}' is too large"); }
        return number << shift;
    }

    /// <summary>A duration: a number with an optional unit s, m, h, d or w (seconds without one).</summary>
    public static TimeSpan ParseDuration(string text, string where)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || number > 100L * 365 * 86400)
        {
            throw new ConfigException($"{where}: '{text}' is not a duration (a number with an optional unit s, m, h, d or w, e.g. 14d)");
        }
        long seconds = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "m" => 60, "h" => 3600, "d" => 86400, "w" => 7 * 86400, _ => 1,
        };
        if (number * seconds > 100L * 365 * 86400) { throw new ConfigException($"{where}: '{text}' is longer than 100 years"); }
        return TimeSpan.FromSeconds(number * seconds);
    }

    [GeneratedRegex("^([0-9]+)([BbKkMmGg]?)$")]
    private static partial Regex SizePattern();

    [GeneratedRegex("^([0-9]+)([sSmMhHdDwW]?)$")]
    private static partial Regex DurationPattern();
}
