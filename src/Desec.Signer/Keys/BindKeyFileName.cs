using System.Globalization;
using Desec.Zone.Names;

namespace Desec.Signer.Keys;

/// <summary>
/// BIND's key file names (dnssec-keygen(8)): <c>K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key</c> and
/// <c>.private</c>, the zone absolute (with its final dot), the algorithm in three digits and the
/// key tag in five, for example <c>Kexample.com.+013+25841</c>.
/// </summary>
public static class BindKeyFileName
{
    public const string PublicExtension = ".key";
    public const string PrivateExtension = ".private";

    /// <summary>The file name without extension.</summary>
    public static string Of(DnsName zone, byte algorithm, ushort keyTag) =>
        $"K{ZoneText(zone)}+{algorithm.ToString("D3", CultureInfo.InvariantCulture)}+{keyTag.ToString("D5", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The zone as it appears in file names: lower case, presentation form, a '/' written <c>\047</c>,
    /// long names shortened (<see cref="Storage.StateFileName.ZoneText"/>, the one escaping function of the state folder).
    /// </summary>
    public static string ZoneText(DnsName zone) => Storage.StateFileName.ZoneText(zone);

    /// <summary>
    /// Splits a name without extension into zone text, algorithm and key tag; false when it is not
    /// of BIND's form.
    /// </summary>
    public static bool TryParse(string baseName, out string zoneText, out byte algorithm, out ushort keyTag)
    {
        zoneText = "";
        algorithm = 0;
        keyTag = 0;
        // "K" zone "+" ddd "+" ddddd: the fixed tail is 10 characters.
        if (baseName.Length < 12 || baseName[0] != 'K' || baseName[^10] != '+' || baseName[^6] != '+') { return false; }
        if (!byte.TryParse(baseName.AsSpan(baseName.Length - 9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out algorithm)) { return false; }
        if (!ushort.TryParse(baseName.AsSpan(baseName.Length - 5, 5), NumberStyles.None, CultureInfo.InvariantCulture, out keyTag)) { return false; }
        zoneText = baseName[1..^10];
        return zoneText.EndsWith('.');
    }
}
