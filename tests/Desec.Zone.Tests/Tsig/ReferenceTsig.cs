using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Tsig;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Tsig;

/// <summary>
/// A second, deliberately plain TSIG implementation written from RFC 8945 §4 for the tests:
/// whole byte arrays concatenated and one-shot HMACs, nothing shared with the code under test
/// but the header and record walk. It signs requests (also with truncated MACs or a shifted clock) and
/// checks the MACs of responses and of the messages of a stream.
/// </summary>
public static class ReferenceTsig
{
    public sealed record Parsed(byte[] Unsigned, DnsName KeyName, DnsName Algorithm, ulong TimeSigned, ushort Fudge, byte[] Mac,
        ushort OriginalId, ushort Error, byte[] Other);

    public static byte[] Hmac(TsigAlgorithm algorithm, byte[] key, byte[] data) => algorithm.Mnemonic switch
    {
        "hmac-sha1" => HMACSHA1.HashData(key, data),
        "hmac-sha256" => HMACSHA256.HashData(key, data),
        "hmac-sha384" => HMACSHA384.HashData(key, data),
        "hmac-sha512" => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentException(algorithm.Mnemonic),
    };

    private static byte[] U16(int v) => [(byte)(v >> 8), (byte)v];
    private static byte[] U48(ulong v) => [(byte)(v >> 40), (byte)(v >> 32), (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    /// <summary>§4.3.3: the TSIG variables.</summary>
    public static byte[] Variables(DnsName keyName, DnsName algorithm, ulong time, ushort fudge, ushort error, byte[] other) =>
        [.. keyName.ToLower().Wire, .. U16(255), 0, 0, 0, 0, .. algorithm.ToLower().Wire, .. U48(time), .. U16(fudge), .. U16(error),
         .. U16(other.Length), .. other];

    public static byte[] Record(DnsName keyName, DnsName algorithm, ulong time, ushort fudge, byte[] mac, ushort originalId, ushort error,
        byte[] other)
    {
        byte[] rdata = [.. algorithm.Wire, .. U48(time), .. U16(fudge), .. U16(mac.Length), .. mac, .. U16(originalId), .. U16(error),
            .. U16(other.Length), .. other];
        return [.. keyName.Wire, .. U16(250), .. U16(255), 0, 0, 0, 0, .. U16(rdata.Length), .. rdata];
    }

    /// <summary>Signs a request (§4.3.2), with the MAC truncated to <paramref name="macLength"/> octets if given.</summary>
    public static byte[] SignRequest(byte[] message, TsigKey key, DateTimeOffset time, ushort fudge = 300, int? macLength = null)
    {
        ulong t = (ulong)time.ToUnixTimeSeconds();
        var mac = Hmac(key.Algorithm, key.Secret, [.. message, .. Variables(key.Name, key.Algorithm.Name, t, fudge, 0, [])]);
        if (macLength is { } n) { mac = n <= mac.Length ? mac[..n] : [.. mac, .. new byte[n - mac.Length]]; }
        var header = Header(message);
        var signed = (byte[])[.. message, .. Record(key.Name, key.Algorithm.Name, t, fudge, mac, header.Id, 0, [])];
        (header with { AdditionalCount = (ushort)(header.AdditionalCount + 1) }).WriteTo(signed);
        return signed;
    }

    /// <summary>Splits off the last record, which must be a TSIG, and gives the message as the MAC saw it (§4.3.2).</summary>
    public static Parsed Parse(byte[] signed)
    {
        var header = Header(signed);
        var reader = new DnsWireReader(signed, MessageHeader.Length);
        int questions = header.QuestionCount;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < questions; i++) { reader.ReadDnsName(); reader.Skip(4); }
        for (int i = 0; i < records - 1; i++) { reader.ReadDnsName(); reader.Skip(8); reader.Skip(reader.ReadUInt16()); }
        int start = reader.Position;
        var keyName = reader.ReadDnsName();
        Assert.Equal(250, reader.ReadUInt16());
        Assert.Equal(255, reader.ReadUInt16());
        Assert.Equal(0u, reader.ReadUInt32());
        reader.ReadUInt16();
        var algorithm = reader.ReadDnsName(allowCompression: false);
        ulong time = ((ulong)reader.ReadUInt16() << 32) | reader.ReadUInt32();
        ushort fudge = reader.ReadUInt16();
        var mac = reader.ReadBytes(reader.ReadUInt16()).ToArray();
        ushort originalId = reader.ReadUInt16();
        ushort error = reader.ReadUInt16();
        var other = reader.ReadBytes(reader.ReadUInt16()).ToArray();
        Assert.Equal(0, reader.Remaining);
        var unsigned = signed[..start];
        (header with { Id = originalId, AdditionalCount = (ushort)(header.AdditionalCount - 1) }).WriteTo(unsigned);
        return new Parsed(unsigned, keyName, algorithm, time, fudge, mac, originalId, error, other);
    }

    private static MessageHeader Header(byte[] message)
    {
        Assert.True(MessageHeader.TryRead(message, out var header));
        return header;
    }

    /// <summary>
    /// The MAC a response or stream message must carry: over the prior MAC (length-prefixed),
    /// the message, and all TSIG variables for the first message (§4.3.1/§5.3) or the timers
    /// for later ones (§5.3.1).
    /// </summary>
    public static byte[] ExpectedMac(Parsed message, TsigKey key, byte[] priorMac, bool first)
    {
        byte[] tail = first
            ? Variables(message.KeyName, message.Algorithm, message.TimeSigned, message.Fudge, message.Error, message.Other)
            : [.. U48(message.TimeSigned), .. U16(message.Fudge)];
        return Hmac(key.Algorithm, key.Secret, [.. U16(priorMac.Length), .. priorMac, .. message.Unsigned, .. tail]);
    }
}
