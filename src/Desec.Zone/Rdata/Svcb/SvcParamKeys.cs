using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// SvcParamKeys with a known value format (IANA "DNS SVCB Service Parameter Keys"), and the
/// text form of any key: its mnemonic or <c>keyNNNNN</c> (RFC 9460 §2.1).
/// </summary>
public static class SvcParamKeys
{
    public const ushort Mandatory = 0;
    public const ushort Alpn = 1;
    public const ushort NoDefaultAlpn = 2;
    public const ushort Port = 3;
    public const ushort Ipv4Hint = 4;
    public const ushort Ech = 5;
    public const ushort Ipv6Hint = 6;
    /// <summary>RFC 9461 §5.</summary>
    public const ushort DohPath = 7;
    /// <summary>RFC 9540 §4.</summary>
    public const ushort Ohttp = 8;
    /// <summary>RFC 9460 §14.3.2: reserved, "Invalid key".</summary>
    public const ushort Invalid = 65535;

    // tls-supported-groups (key 9) is left to the generic form: its specification was still a draft
    // when this was written, so its value format is not checked.
    private static readonly SvcParam[] Known =
    [
        new MandatoryParam(),
        new AlpnParam(),
        new EmptyParam(NoDefaultAlpn, "no-default-alpn", printsName: true),
        new PortParam(),
        new AddressHintParam(Ipv4Hint, "ipv4hint", 4),
        new EchParam(),
        new AddressHintParam(Ipv6Hint, "ipv6hint", 16),
        new DohPathParam(),
        // BIND 9.18 does not know ohttp and prints key8; so does this codec, to match it.
        new EmptyParam(Ohttp, "ohttp", printsName: false),
    ];

    private static readonly FrozenDictionary<ushort, SvcParam> ByKey = Known.ToFrozenDictionary(p => p.Key);
    private static readonly FrozenDictionary<string, SvcParam> ByName = Known.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    internal static SvcParam? Get(ushort key) => ByKey.GetValueOrDefault(key);

    /// <summary>
    /// Parses a key: a mnemonic (lower case, as registered) or <c>keyNNNNN</c> in decimal without
    /// leading zeros. <paramref name="generic"/> tells that the <c>keyNNNNN</c> form was used, whose
    /// value is then the wire octets written as a char-string. key65535 is refused.
    /// </summary>
    public static bool TryParse(string text, out ushort key, out bool generic, out string error)
    {
        key = 0;
        generic = false;
        if (ByName.TryGetValue(text, out var known))
        {
            key = known.Key;
            error = "";
            return true;
        }
        if (text.StartsWith("key", StringComparison.Ordinal) && text.Length > 3)
        {
            var digits = text.AsSpan(3);
            if (!PresentationText.TryParseUInt(digits, uint.MaxValue, out uint value) || value > ushort.MaxValue)
            {
                error = $"'{text}': keyNNNNN needs a number from 0 to 65534";
                return false;
            }
            if (digits.Length > 1 && digits[0] == '0')
            {
                error = $"'{text}': keyNNNNN is written without leading zeros (RFC 9460 §2.1)";
                return false;
            }
            if (value == Invalid)
            {
                error = "key65535 is reserved as invalid (RFC 9460 §14.3.2)";
                return false;
            }
            key = (ushort)value;
            generic = true;
            error = "";
            return true;
        }
        error = $"unknown SvcParamKey '{text}' (use keyNNNNN for an unregistered key)";
        return false;
    }

    /// <summary>The printed name: the mnemonic where <see cref="SvcParam.PrintsName"/>, else <c>keyNNNNN</c>.</summary>
    public static void AppendName(StringBuilder output, ushort key)
    {
        if (Get(key) is { PrintsName: true } known) { output.Append(known.Name); }
        else { output.Append("key").Append(key.ToString(CultureInfo.InvariantCulture)); }
    }

    /// <summary>The mnemonic where one is registered here, else <c>keyNNNNN</c>: the name used in error messages.</summary>
    public static string Name(ushort key) =>
        Get(key)?.Name ?? "key" + key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks a wire value against its key's format (any octets for keys without one); null when valid.</summary>
    internal static string? Validate(ushort key, ReadOnlySpan<byte> value)
    {
        if (key == Invalid) { return "key65535 is reserved as invalid (RFC 9460 §14.3.2)"; }
        return Get(key)?.Validate(value);
    }
}
