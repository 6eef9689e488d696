using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transfer;

/// <summary>
/// NOTIFY (RFC 1996) to a zone's secondaries when a new version is published: over UDP, retried
/// with back-off until acknowledged (§3.6), so that they fetch the new serial at once instead of
/// waiting for their refresh timer.
/// </summary>
public sealed class Notifier(ILogger logger)
{
    private const int Attempts = 5;
    private static readonly TimeSpan FirstTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Sends NOTIFY for <paramref name="zone"/> to every target in the background.</summary>
    public void Notify(DnsName zone, uint serial, IReadOnlyList<IPEndPoint> targets, CancellationToken stop)
    {
        foreach (var target in targets) { _ = Task.Run(() => SendAsync(zone, serial, target, stop), stop); }
    }

    /// <summary>Sends one NOTIFY and waits for its acknowledgement; true when acknowledged.</summary>
    public async Task<bool> SendAsync(DnsName zone, uint serial, IPEndPoint target, CancellationToken stop)
    {
        var message = Message(zone, (ushort)Random.Shared.Next(ushort.MaxValue + 1));
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var reply = new byte[512];
        var timeout = FirstTimeout;
        for (int attempt = 1; attempt <= Attempts && !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                await socket.SendToAsync(message, SocketFlags.None, target, stop);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(timeout);
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(reply, SocketFlags.None, target, wait.Token);
                    if (IsAcknowledgement(reply.AsSpan(0, received.ReceivedBytes), message))
                    {
                        logger.LogInformation("zone {Zone}: NOTIFY for serial {Serial} acknowledged by {Target}", zone, serial, target);
                        return true;
                    }
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested) { /* timed out: try again */ }
            catch (OperationCanceledException) { return false; }
            catch (SocketException e) { logger.LogDebug("NOTIFY to {Target}: {Error}", target, e.SocketErrorCode); }
            timeout *= 2; // RFC 1996 §3.6: retry with growing intervals
        }
        logger.LogWarning("zone {Zone}: NOTIFY for serial {Serial} to {Target} not acknowledged after {Attempts} attempts",
            zone, serial, target, Attempts);
        return false;
    }

    /// <summary>RFC 1996 §3.7: opcode NOTIFY, AA set, the zone's SOA as the question.</summary>
    public static byte[] Message(DnsName zone, ushort id)
    {
        var message = new byte[12 + zone.Length + 4];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)((4 << 11) | 0x0400));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        zone.Wire.CopyTo(message.AsSpan(12));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(12 + zone.Length), RRType.SOA);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(14 + zone.Length), RRClass.IN);
        return message;
    }

    /// <summary>RFC 1996 §4.7: the reply has the same ID, QR set and opcode NOTIFY.</summary>
    private static bool IsAcknowledgement(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request) =>
        reply.Length >= 12 && reply[0] == request[0] && reply[1] == request[1]
        && (reply[2] & 0x80) != 0 && ((reply[2] >> 3) & 0xF) == 4;
}
