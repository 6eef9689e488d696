using System.Net;
using System.Net.Sockets;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Tests.Publishing;

/// <summary>
/// A secondary that only takes NOTIFY (RFC 1996) on a loopback port: it records every message (zone,
/// serial from the SOA in the answer section, when it arrived) and acknowledges (§4.7) those its
/// <see cref="Answer"/> rule accepts. <see cref="OnNotify"/> runs as each arrives, before the answer.
/// </summary>
public sealed class FakeSecondary : IDisposable
{
    public sealed record Received(DnsName Zone, uint? Serial, DateTime At);

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<Received> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSecondary()
    {
        _loop = Task.Run(LoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>Which messages are acknowledged; all by default.</summary>
    public Func<Received, bool> Answer { get; set; } = _ => true;

    /// <summary>Runs for each message as it arrives, before it is answered.</summary>
    public Action<Received>? OnNotify { get; set; }

    public List<Received> All { get { lock (_received) { return [.. _received]; } } }

    public List<Received> For(string zone) => All.Where(r => r.Zone == DnsName.Parse(zone)).ToList();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult result;
            try { result = await _socket.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            var message = result.Buffer;
            if (!TryReadNotify(message, out var zone, out uint? serial, out int questionEnd)) { continue; }
            var received = new Received(zone, serial, DateTime.UtcNow);
            lock (_received) { _received.Add(received); }
            OnNotify?.Invoke(received);
            if (!Answer(received)) { continue; }
            await _socket.SendAsync(Acknowledgement(message, questionEnd), result.RemoteEndPoint);
        }
    }

    /// <summary>
    /// A NOTIFY request (RFC 1996 §3.7): the zone from the question and the serial of the SOA hint in
    /// the answer section, if any (its names may be compressed, RFC 1035 §4.1.4: read through the codec).
    /// </summary>
    private static bool TryReadNotify(byte[] message, out DnsName zone, out uint? serial, out int questionEnd)
    {
        zone = DnsName.Root;
        serial = null;
        questionEnd = 0;
        try
        {
            var reader = MessageReader.ReadAll(message);
            if (reader.Header.IsResponse || reader.Header.Opcode != Opcode.Notify || reader.Question.IsEmpty) { return false; }
            zone = DnsName.FromWire(reader.Question.Name);
            questionEnd = reader.AnswerStart;
            var answers = reader.Section(MessageSection.Answer);
            if (answers.TryNext(out var soa) && soa.Type == RRType.SOA)
            {
                var rdata = soa.RdataReader(message);
                var canonical = new RdataBuilder();
                RdataCodecs.ReadWire(RRType.SOA, ref rdata, soa.Rdata.Length, canonical);
                serial = SoaView.Read(canonical.Written).Serial;
            }
            return true;
        }
        catch (DnsWireException)
        {
            return false;
        }
    }

    /// <summary>The request's header and question with QR set and no records (RFC 1996 §4.7).</summary>
    private static byte[] Acknowledgement(byte[] message, int questionEnd)
    {
        MessageHeader.TryRead(message, out var request);
        var reply = message[..questionEnd];
        (request with { Flags = request.Flags | HeaderFlags.QR, AnswerCount = 0, AuthorityCount = 0, AdditionalCount = 0 }).WriteTo(reply);
        return reply;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) { return true; }
            Thread.Sleep(20);
        }
        return condition();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try { _loop.Wait(2000); } catch (AggregateException) { }
    }
}
