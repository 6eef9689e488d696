using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Tsig;

/// <summary>Keys, queries and answers for the TSIG tests, all through the message layer.</summary>
public static class TsigTestSupport
{
    public static TsigKey NewKey(string name, TsigAlgorithm algorithm) =>
        new(DnsName.Parse(name), algorithm, RandomNumberGenerator.GetBytes(algorithm.MacLength));

    /// <summary>A query for <paramref name="name"/>, with an OPT record when <paramref name="udpSize"/> is given.</summary>
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, ushort? udpSize = null, bool dnssecOk = false) =>
        QueryMessage.Create(id, Opcode.Query, HeaderFlags.RD, DnsName.Parse(name).Wire, type, RRClass.IN, udpSize is not null,
            new OptRecord { UdpPayloadSize = udpSize ?? 0, DnssecOk = dnssecOk });

    /// <summary>The message read as a server reads it (question and records); <see cref="DnsWireException"/> when malformed.</summary>
    public static MessageReader Read(byte[] message) => MessageReader.ReadAll(message);

    /// <summary>Reads and verifies as the server does: a malformed message (the TSIG misplaced or cut) is FORMERR.</summary>
    public static TsigResult Verify(byte[] message, TsigKeyring keyring, DateTimeOffset now, out TsigContext context, bool allowTruncatedMac = false)
    {
        try
        {
            var reader = Read(message);
            return TsigVerifier.Verify(reader, keyring, now, out context, allowTruncatedMac);
        }
        catch (DnsWireException)
        {
            context = TsigContext.Malformed;
            return TsigResult.FormErr;
        }
    }

    /// <summary>
    /// The answer to <paramref name="request"/> with <paramref name="answers"/> copies of an A record
    /// for the question's name: unsigned (Finish) or signed with <paramref name="tsig"/>.
    /// </summary>
    public static byte[] Answer(byte[] request, int answers, TsigContext? tsig = null, DateTimeOffset now = default, int bufferSize = 4096)
    {
        var reader = Read(request);
        var buffer = new byte[bufferSize];
        var writer = new MessageWriter(buffer, new ushort[16], buffer.Length);
        writer.Start(reader.Header.Id, reader.Header.Opcode, HeaderFlags.QR | HeaderFlags.AA | (reader.Header.Flags & HeaderFlags.RD));
        if (tsig is not null) { writer.ReserveTsig(tsig); }
        writer.TryCopyQuestion(reader.Question.Wire);
        for (int i = 0; i < answers; i++)
        {
            Assert.True(writer.TryAddRecord(MessageSection.Answer, reader.Question.Name, RRType.A, RRClass.IN, 60, [192, 0, 2, 1]));
        }
        int length = tsig is null ? writer.Finish() : writer.Finish(tsig, now);
        return buffer[..length];
    }
}
