using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Desec.Zone.Names;

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
            if (message.Length < 12 || ((message[2] >> 3) & 0xF) != 4 || (message[2] & 0x80) != 0) { continue; }
            int nameLength = DnsName.WireLength(message.AsSpan(12));
            var zone = DnsName.FromWire(message.AsSpan(12, nameLength));
            int questionEnd = 12 + nameLength + 4;
            uint? serial = null;
            if (BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(6)) > 0)
            {
                // The SOA hint (§3.7): owner pointer, type, class, TTL, RDLENGTH, then MNAME and RNAME before the serial.
                int rdata = questionEnd + 2 + 10;
                int mname = DnsName.WireLength(message.AsSpan(rdata));
                int rname = DnsName.WireLength(message.AsSpan(rdata + mname));
                serial = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(rdata + mname + rname));
            }
            var received = new Received(zone, serial, DateTime.UtcNow);
            lock (_received) { _received.Add(received); }
            OnNotify?.Invoke(received);
            if (!Answer(received)) { continue; }
            var reply = message[..questionEnd];
            reply[2] |= 0x80; // QR
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), 0);
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(8), 0);
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(10), 0);
            await _socket.SendAsync(reply, result.RemoteEndPoint);
        }
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
