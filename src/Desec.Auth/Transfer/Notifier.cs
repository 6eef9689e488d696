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
public sealed class Notifier(ILogger logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _clock = timeProvider ?? TimeProvider.System;
    private const int Attempts = 5;
    private static readonly TimeSpan FirstTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Sends NOTIFY for <paramref name="zone"/> to every target in the background.</summary>
    public void Notify(DnsName zone, uint serial, IReadOnlyList<NotifyTarget> targets, CancellationToken stop)
    {
        foreach (var target in targets) { _ = Task.Run(() => SendAsync(zone, serial, target, stop), stop); }
    }

    /// <summary>Sends one NOTIFY without TSIG and waits for its acknowledgement; true when acknowledged.</summary>
    public Task<bool> SendAsync(DnsName zone, uint serial, IPEndPoint target, CancellationToken stop) =>
        SendAsync(zone, serial, new NotifyTarget(target, null), stop);

    /// <summary>
    /// Sends one NOTIFY, signed with the target's TSIG key when it has one (RFC 8945), and waits for
    /// its acknowledgement; true when acknowledged. The same signed message is sent again on every
    /// attempt (all within the 300 s fudge), so a late reply to an earlier attempt still verifies.
    /// A reply that does not verify is not an acknowledgement: it is logged and we keep waiting.
    /// </summary>
    public async Task<bool> SendAsync(DnsName zone, uint serial, NotifyTarget target, CancellationToken stop)
    {
        var (message, requestMac) = Signed(Message(zone, (ushort)Random.Shared.Next(ushort.MaxValue + 1)), target.Key, _clock.GetUtcNow());
        var endpoint = target.EndPoint;
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var reply = new byte[4096];
        var timeout = FirstTimeout;
        for (int attempt = 1; attempt <= Attempts && !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                await socket.SendToAsync(message, SocketFlags.None, endpoint, stop);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(timeout);
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(reply, SocketFlags.None, endpoint, wait.Token);
                    var answer = reply.AsSpan(0, received.ReceivedBytes);
                    if (!IsAcknowledgement(answer, message)) { continue; }
                    if (target.Key is not null && !Verified(answer, target, requestMac, zone, serial)) { continue; }
                    logger.LogInformation("zone {Zone}: NOTIFY for serial {Serial} acknowledged by {Target}", zone, serial, target);
                    return true;
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

    /// <summary>The message as sent: signed with <paramref name="key"/> (RFC 8945 §4.3.2) when there is one, and the request MAC.</summary>
    public static (byte[] Message, byte[] RequestMac) Signed(byte[] message, Tsig.TsigKey? key, DateTimeOffset now)
    {
        if (key is null) { return (message, []); }
        var buffer = new byte[message.Length + 512];
        message.CopyTo(buffer, 0);
        int length = Tsig.TsigSigner.SignRequest(buffer, message.Length, key, now, out var context);
        using (context) { return (buffer[..length], context.PriorMac.ToArray()); }
    }

    /// <summary>RFC 8945 §5.4: the answer to a signed NOTIFY must carry a TSIG that verifies with the same key.</summary>
    private bool Verified(ReadOnlySpan<byte> answer, NotifyTarget target, byte[] requestMac, DnsName zone, uint serial)
    {
        var result = Tsig.TsigVerifier.VerifyResponse(answer, target.Key!, requestMac, _clock.GetUtcNow(), out ushort peerError);
        if (result == Tsig.TsigResult.Ok && peerError == 0) { return true; }
        logger.LogWarning("zone {Zone}: the answer of {Target} to NOTIFY for serial {Serial} is not accepted (rcode {Rcode}): {Result}{PeerError}",
            zone, target, serial, answer[3] & 0xF,
            result == Tsig.TsigResult.NoTsig ? "unsigned" : result.ToString(), peerError == 0 ? "" : $" (it reports TSIG error {peerError})");
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
