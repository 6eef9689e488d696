using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// SVCB and HTTPS RDATA (RFC 9460 §2.2): SvcPriority, TargetName, then SvcParams as
/// key/length/value in strictly increasing key order. TargetName is never compressed (§2.2) and
/// keeps its letter case (RFC 4034 §6.2 does not list these types). AliasMode (priority 0) records
/// are checked the same way as ServiceMode ones. Text output follows BIND's named-compilezone.
/// </summary>
public abstract class SvcbCodec : RdataCodec
{
    private const int MaxRdataLength = ushort.MaxValue;

    // RFC 9460 §7.1.1 with §2.4.3; BIND refuses it in either mode, and so does this codec, in text and on the wire.
    private const string NoDefaultAlpnWithoutAlpn = "no-default-alpn needs alpn in the same record (RFC 9460 §7.1.1)";

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        var priorityToken = tokens.Next("SvcPriority");
        if (priorityToken.Quoted || !PresentationText.TryParseUInt(priorityToken.Text, ushort.MaxValue, out uint priority))
        {
            throw tokens.Error(priorityToken, $"expected SvcPriority (0 to 65535), found '{priorityToken}'");
        }
        var targetToken = tokens.Next("TargetName");
        if (targetToken.Quoted) { throw tokens.Error(targetToken, "bad TargetName: a name cannot be quoted"); }
        if (!DnsName.TryParse(targetToken.Text, tokens.Origin, out var target, out var nameError))
        {
            throw tokens.Error(targetToken, $"bad TargetName '{targetToken.Text}': {nameError}");
        }
        int start = output.Length;
        output.WriteUInt16((ushort)priority);
        output.WriteName(target, lowerCase: false);

        var parameters = new SortedDictionary<ushort, (byte[] Value, Token At)>();
        var scratch = new RdataBuilder();
        while (!tokens.AtEnd)
        {
            var (key, value, at) = ParseParameter(tokens, scratch);
            if (!parameters.TryAdd(key, (value, at)))
            {
                throw tokens.Error(at, $"SvcParamKey {SvcParamKeys.Name(key)} appears more than once (RFC 9460 §2.2)");
            }
        }
        if (parameters.TryGetValue(SvcParamKeys.Mandatory, out var mandatory))
        {
            foreach (ushort key in MandatoryParam.Keys(mandatory.Value))
            {
                if (!parameters.ContainsKey(key))
                {
                    throw tokens.Error(mandatory.At, $"mandatory lists {SvcParamKeys.Name(key)}, which the record does not have (RFC 9460 §8)");
                }
            }
        }
        if (parameters.TryGetValue(SvcParamKeys.NoDefaultAlpn, out var noDefaultAlpn) && !parameters.ContainsKey(SvcParamKeys.Alpn))
        {
            throw tokens.Error(noDefaultAlpn.At, NoDefaultAlpnWithoutAlpn);
        }
        foreach (var (key, (value, at)) in parameters)
        {
            if (value.Length > ushort.MaxValue) { throw tokens.Error(at, $"{SvcParamKeys.Name(key)} value is longer than 65535 octets"); }
            output.WriteUInt16(key);
            output.WriteUInt16((ushort)value.Length);
            output.WriteBytes(value);
        }
        if (output.Length - start > MaxRdataLength) { throw tokens.Error(priorityToken, "RDATA is longer than 65535 octets"); }
    }

    /// <summary>
    /// One <c>key</c>, <c>key=value</c> or <c>key="value"</c> (RFC 9460 §2.1, Appendix A). The lexer
    /// ends a word at a quote, so a quoted value is the quoted word that starts right after <c>=</c>.
    /// </summary>
    private static (ushort Key, byte[] Value, Token At) ParseParameter(RdataTokens tokens, RdataBuilder scratch)
    {
        var token = tokens.Next("SvcParam");
        if (token.Quoted) { throw tokens.Error(token, $"expected a SvcParamKey, found a quoted string {token}"); }
        string text = token.Text;
        int equals = text.IndexOf('=');
        string keyText = equals < 0 ? text : text[..equals];
        if (!SvcParamKeys.TryParse(keyText, out ushort key, out bool generic, out var keyError))
        {
            throw tokens.Error(token, keyError);
        }
        string valueText = equals < 0 ? "" : text[(equals + 1)..];
        if (equals == text.Length - 1 && !tokens.AtEnd && tokens.Peek() is { Quoted: true } quoted
            && quoted.Line == token.Line && quoted.Column == token.Column + text.Length)
        {
            valueText = tokens.Next("SvcParamValue").Text;
        }
        var buffer = new byte[valueText.Length * 3];
        if (!PresentationText.TryParseCharacterString(valueText, buffer, out int length, out var escapeError))
        {
            throw tokens.Error(token, $"bad value for {keyText}: {escapeError}");
        }
        var octets = buffer.AsSpan(0, length);
        string name = SvcParamKeys.Name(key);
        var known = SvcParamKeys.Get(key);
        if (known is null || generic)
        {
            // keyNNNNN: the value is the wire octets themselves; a known key's format still applies.
            if (SvcParamKeys.Validate(key, octets) is { } error) { throw tokens.Error(token, $"bad {keyText} value: {error}"); }
            return (key, octets.ToArray(), token);
        }
        scratch.Clear();
        if (known.ParseText(octets, scratch) is { } parseError) { throw tokens.Error(token, $"bad {name} value: {parseError}"); }
        if (known.Validate(scratch.Written) is { } formatError) { throw tokens.Error(token, $"bad {name} value: {formatError}"); }
        return (key, scratch.ToArray(), token);
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        if (length > reader.Remaining) { throw new DnsWireException(reader.Position, "RDATA runs past the end"); }
        int end = reader.Position + length;
        ushort priority = reader.ReadUInt16();
        Span<byte> target = stackalloc byte[DnsName.MaxLength];
        int targetLength = reader.ReadName(target, allowCompression: false);
        if (reader.Position > end) { throw new DnsWireException(end, "TargetName runs past the RDATA length"); }
        output.WriteUInt16(priority);
        output.WriteName(target[..targetLength], lowerCase: false);

        int previousKey = -1;
        int mandatoryAt = -1;
        ReadOnlySpan<byte> mandatory = default;
        var present = new List<ushort>();
        var offsets = new List<int>();
        while (reader.Position < end)
        {
            int at = reader.Position;
            if (end - at < 4) { throw new DnsWireException(at, "SvcParam header runs past the RDATA length"); }
            ushort key = reader.ReadUInt16();
            ushort valueLength = reader.ReadUInt16();
            if (key <= previousKey)
            {
                throw new DnsWireException(at, key == previousKey
                    ? $"SvcParamKey {SvcParamKeys.Name(key)} appears more than once (RFC 9460 §2.2)"
                    : "SvcParamKeys are not in increasing order (RFC 9460 §2.2)");
            }
            if (valueLength > end - reader.Position)
            {
                throw new DnsWireException(at, $"{SvcParamKeys.Name(key)} value runs past the RDATA length");
            }
            var value = reader.ReadBytes(valueLength);
            if (SvcParamKeys.Validate(key, value) is { } error)
            {
                throw new DnsWireException(at + 4, $"bad {SvcParamKeys.Name(key)} value: {error}");
            }
            if (key == SvcParamKeys.Mandatory)
            {
                mandatory = value;
                mandatoryAt = at + 4;
            }
            present.Add(key);
            offsets.Add(at);
            previousKey = key;
            output.WriteUInt16(key);
            output.WriteUInt16(valueLength);
            output.WriteBytes(value);
        }
        int noDefaultAlpn = present.BinarySearch(SvcParamKeys.NoDefaultAlpn);
        if (noDefaultAlpn >= 0 && present.BinarySearch(SvcParamKeys.Alpn) < 0)
        {
            throw new DnsWireException(offsets[noDefaultAlpn], NoDefaultAlpnWithoutAlpn);
        }
        for (int i = 0; i + 1 < mandatory.Length; i += 2)
        {
            ushort key = BinaryPrimitives.ReadUInt16BigEndian(mandatory[i..]);
            if (present.BinarySearch(key) < 0)
            {
                throw new DnsWireException(mandatoryAt + i, $"mandatory lists {SvcParamKeys.Name(key)}, which the record does not have (RFC 9460 §8)");
            }
        }
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        output.Append(BinaryPrimitives.ReadUInt16BigEndian(rdata).ToString(CultureInfo.InvariantCulture)).Append(' ');
        int targetLength = DnsName.WireLength(rdata[2..]);
        DnsName.AppendTo(output, rdata.Slice(2, targetLength));
        int position = 2 + targetLength;
        while (position < rdata.Length)
        {
            ushort key = BinaryPrimitives.ReadUInt16BigEndian(rdata[position..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rdata[(position + 2)..]);
            var value = rdata.Slice(position + 4, length);
            output.Append(' ');
            SvcParamKeys.AppendName(output, key);
            if (SvcParamKeys.Get(key) is { PrintsName: true } known) { known.FormatValue(value, output); }
            else { SvcParam.FormatOpaque(value, output); }
            position += 4 + length;
        }
    }
}
