using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// LOC: a geographical location (RFC 1876). Sixteen octets: version 0, size, horizontal and
/// vertical precision (each a mantissa and a power of ten in centimetres, §2), latitude and
/// longitude (thousandths of an arc second offset by 2^31) and altitude (centimetres above a base
/// 100000 m below the WGS 84 spheroid). The presentation form is §3's and prints as BIND does.
/// </summary>
public sealed class LocRecord : RdataCodec
{
    private const int RdataLength = 16;
    private const uint Equator = 0x8000_0000; // 2^31: latitude 0 and longitude 0 (RFC 1876 §2)
    private const long MaxLatitude = 90L * 3_600_000, MaxLongitude = 180L * 3_600_000;
    private const long AltitudeBase = 10_000_000; // 100000 m in centimetres
    private const long MaxPrecision = 9_000_000_000; // 9e9 cm = 90000000 m, the largest 4-bit mantissa and exponent

    // §3: defaults when the optional fields are left out: size 1 m, horizontal 10000 m, vertical 10 m.
    private const byte DefaultSize = 0x12, DefaultHorizontal = 0x16, DefaultVertical = 0x13;

    public override ushort Type => RRType.LOC;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        long latitude = ParseCoordinate(tokens, 90, MaxLatitude, "latitude", 'N', 'S');
        long longitude = ParseCoordinate(tokens, 180, MaxLongitude, "longitude", 'E', 'W');

        var altitudeToken = tokens.Next("altitude");
        var altitudeText = StripMetres(altitudeToken);
        bool below = altitudeText.StartsWith('-');
        if (below || altitudeText.StartsWith('+')) { altitudeText = altitudeText[1..]; }
        if (!TryParseDecimal(altitudeText, 2, out long altitude)
            || (below ? altitude > AltitudeBase : altitude > uint.MaxValue - AltitudeBase))
        {
            throw tokens.Error(altitudeToken,
                $"expected altitude in metres from -100000.00 to 42849672.95 with at most two decimals, found '{altitudeToken.Text}'");
        }

        output.WriteByte(0); // version
        output.WriteByte(ParsePrecision(tokens, "size", DefaultSize));
        output.WriteByte(ParsePrecision(tokens, "horizontal precision", DefaultHorizontal));
        output.WriteByte(ParsePrecision(tokens, "vertical precision", DefaultVertical));
        output.WriteUInt32((uint)(Equator + latitude));
        output.WriteUInt32((uint)(Equator + longitude));
        output.WriteUInt32((uint)(AltitudeBase + (below ? -altitude : altitude)));
        tokens.ExpectEnd();
    }

    /// <summary>
    /// <c>d1 [m1 [s1]] N|S</c> or <c>d2 [m2 [s2]] E|W</c> into signed thousandths of an arc second.
    /// Minutes and seconds are optional, so each word is either the next number or the hemisphere.
    /// </summary>
    private static long ParseCoordinate(RdataTokens tokens, uint maxDegrees, long max, string what, char positive, char negative)
    {
        var degreesToken = tokens.Next($"{what} degrees");
        if (degreesToken.Quoted || !PresentationText.TryParseUInt(degreesToken.Text, maxDegrees, out uint degrees))
        {
            throw tokens.Error(degreesToken, $"expected {what} degrees from 0 to {maxDegrees}, found '{degreesToken.Text}'");
        }
        long value = degrees * 3_600_000L;
        var token = tokens.Next($"{what} hemisphere ({positive} or {negative})");
        if (!IsHemisphere(token, positive, negative))
        {
            if (token.Quoted || !PresentationText.TryParseUInt(token.Text, 59, out uint minutes))
            {
                throw tokens.Error(token, $"expected {what} minutes from 0 to 59 or {positive} or {negative}, found '{token.Text}'");
            }
            value += minutes * 60_000L;
            token = tokens.Next($"{what} hemisphere ({positive} or {negative})");
            if (!IsHemisphere(token, positive, negative))
            {
                if (token.Quoted || !TryParseDecimal(token.Text, 3, out long seconds) || seconds >= 60_000)
                {
                    throw tokens.Error(token,
                        $"expected {what} seconds from 0 to 59.999 or {positive} or {negative}, found '{token.Text}'");
                }
                value += seconds;
                token = tokens.Next($"{what} hemisphere ({positive} or {negative})");
                if (!IsHemisphere(token, positive, negative))
                {
                    throw tokens.Error(token, $"expected {positive} or {negative} after the {what}, found '{token.Text}'");
                }
            }
        }
        if (value > max) { throw tokens.Error(degreesToken, $"{what} beyond {maxDegrees} degrees"); }
        return token.Text[0] == negative ? -value : value;
    }

    private static bool IsHemisphere(Token token, char positive, char negative) =>
        !token.Quoted && token.Text.Length == 1 && (token.Text[0] == positive || token.Text[0] == negative);

    /// <summary>An optional size or precision in metres (§3), encoded as §2's mantissa and exponent of centimetres.</summary>
    private static byte ParsePrecision(RdataTokens tokens, string what, byte defaultValue)
    {
        if (tokens.AtEnd) { return defaultValue; }
        var token = tokens.Next(what);
        if (!TryParseDecimal(StripMetres(token), 2, out long centimetres) || centimetres > MaxPrecision)
        {
            throw tokens.Error(token, $"expected {what} in metres from 0 to 90000000.00 with at most two decimals, found '{token.Text}'");
        }
        return EncodePrecision(centimetres);
    }

    /// <summary>The largest power of ten not above the value, and the value's leading digit; the rest is dropped (as BIND does).</summary>
    public static byte EncodePrecision(long centimetres)
    {
        int exponent = 0;
        while (exponent < 9 && centimetres >= Pow10(exponent + 1)) { exponent++; }
        long mantissa = centimetres / Pow10(exponent);
        return (byte)((mantissa << 4) | (uint)exponent);
    }

    private static ReadOnlySpan<char> StripMetres(Token token) =>
        token.Quoted ? "?" : token.Text.EndsWith('m') ? token.Text.AsSpan(0, token.Text.Length - 1) : token.Text;

    /// <summary>Unsigned decimal with at most <paramref name="decimals"/> fraction digits, scaled to an integer (<c>1.5</c> with 3 gives 1500).</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> text, int decimals, out long scaled)
    {
        scaled = 0;
        int dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || whole.Length > 10 || fraction.Length > decimals) { return false; }
        foreach (char c in whole)
        {
            if (!char.IsAsciiDigit(c)) { return false; }
            scaled = scaled * 10 + (c - '0');
        }
        for (int i = 0; i < decimals; i++)
        {
            if (i < fraction.Length && !char.IsAsciiDigit(fraction[i])) { return false; }
            scaled = scaled * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }
        return true;
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position;
        if (length != RdataLength) { throw new DnsWireException(start, $"LOC RDATA is {length} octets, not {RdataLength}"); }
        var rdata = reader.ReadBytes(RdataLength);
        // RFC 1876 §2: only version 0 is defined; any other version has an unknown layout.
        if (rdata[0] != 0) { throw new DnsWireException(start, $"LOC version {rdata[0]} is not supported"); }
        for (int i = 1; i <= 3; i++)
        {
            if (!IsValidPrecision(rdata[i]))
            {
                throw new DnsWireException(start + i, $"LOC precision octet 0x{rdata[i]:x2} is not a digit and a power of ten up to 9");
            }
        }
        if (Math.Abs(Offset(rdata, 4)) > MaxLatitude) { throw new DnsWireException(start + 4, "LOC latitude beyond 90 degrees"); }
        if (Math.Abs(Offset(rdata, 8)) > MaxLongitude) { throw new DnsWireException(start + 8, "LOC longitude beyond 180 degrees"); }
        output.WriteBytes(rdata);
    }

    /// <summary>Zero, or a mantissa from 1 to 9 with an exponent from 0 to 9 (§2: both are decimal digits).</summary>
    private static bool IsValidPrecision(byte value) => value == 0 || (value >> 4 is >= 1 and <= 9 && (value & 0xF) <= 9);

    private static long Offset(ReadOnlySpan<byte> rdata, int at) => (long)BinaryPrimitives.ReadUInt32BigEndian(rdata[at..]) - Equator;

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        AppendCoordinate(output, Offset(rdata, 4), 'N', 'S');
        output.Append(' ');
        AppendCoordinate(output, Offset(rdata, 8), 'E', 'W');
        long altitude = BinaryPrimitives.ReadUInt32BigEndian(rdata[12..]) - AltitudeBase;
        output.Append(' ');
        if (altitude < 0) { output.Append('-'); }
        long magnitude = Math.Abs(altitude);
        output.Append(CultureInfo.InvariantCulture, $"{magnitude / 100}.{magnitude % 100:D2}m");
        for (int i = 1; i <= 3; i++)
        {
            output.Append(' ');
            AppendPrecision(output, rdata[i]);
        }
    }

    private static void AppendCoordinate(StringBuilder output, long value, char positive, char negative)
    {
        long magnitude = Math.Abs(value);
        output.Append(CultureInfo.InvariantCulture,
            $"{magnitude / 3_600_000} {magnitude / 60_000 % 60} {magnitude / 1000 % 60}.{magnitude % 1000:D3} {(value >= 0 ? positive : negative)}");
    }

    /// <summary>BIND prints whole metres from 1 m up and two decimals below (<c>0.50m</c>).</summary>
    private static void AppendPrecision(StringBuilder output, byte value)
    {
        int mantissa = value >> 4, exponent = value & 0xF;
        if (exponent >= 2) { output.Append(CultureInfo.InvariantCulture, $"{mantissa * Pow10(exponent - 2)}m"); }
        else { output.Append(CultureInfo.InvariantCulture, $"0.{mantissa * Pow10(exponent):D2}m"); }
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++) { result *= 10; }
        return result;
    }
}
