using System.Net;
using System.Net.Sockets;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
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
        var (message, requestMac) = Message(zone, (ushort)Random.Shared.Next(ushort.MaxValue + 1), target.Key, _clock.GetUtcNow());
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

    /// <summary>RFC 8945 §5.4: the answer to a signed NOTIFY must carry a TSIG that verifies with the same key.</summary>
    private bool Verified(ReadOnlySpan<byte> answer, NotifyTarget target, byte[] requestMac, DnsName zone, uint serial)
    {
        var result = TsigVerifier.VerifyResponse(answer, target.Key!, requestMac, _clock.GetUtcNow(), out var peerError);
        if (result == TsigResult.Ok && peerError == TsigError.NoError) { return true; }
        MessageHeader.TryRead(answer, out var header);
        logger.LogWarning("zone {Zone}: the answer of {Target} to NOTIFY for serial {Serial} is not accepted (rcode {Rcode}): {Result}{PeerError}",
            zone, target, serial, RcodeExtensions.Combine(header.RcodeBits, 0),
            result == TsigResult.NoTsig ? "unsigned" : result.ToString(), peerError == TsigError.NoError ? "" : $" (it reports TSIG error {peerError})");
        return false;
    }

    /// <summary>
    /// The NOTIFY as sent (RFC 1996 §3.7: opcode NOTIFY, AA set, the zone's SOA as the question),
    /// signed with <paramref name="key"/> when there is one (RFC 8945 §4.3.2), and the request MAC
    /// that the acknowledgement's TSIG must cover.
    /// </summary>
    public static (byte[] Message, byte[] RequestMac) Message(DnsName zone, ushort id, TsigKey? key, DateTimeOffset now)
    {
        using var tsig = key is null ? null : TsigContext.ForRequest(key);
        var buffer = new byte[MessageHeader.Length + zone.Length + 4 + (tsig?.MaxRecordLength ?? 0)];
        var writer = new MessageWriter(buffer, stackalloc ushort[4], buffer.Length);
        writer.Start(id, Opcode.Notify, HeaderFlags.AA);
        if (tsig is not null) { writer.ReserveTsig(tsig); }
        if (!writer.TryWriteQuestion(zone.Wire, RRType.SOA, RRClass.IN)) { throw new InvalidOperationException("the NOTIFY question does not fit"); }
        int length = tsig is null ? writer.Finish() : writer.Finish(tsig, now);
        return (buffer[..length], tsig?.PriorMac.ToArray() ?? []);
    }

    /// <summary>RFC 1996 §4.7: the reply has the same ID, QR set and opcode NOTIFY.</summary>
    private static bool IsAcknowledgement(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request) =>
        MessageHeader.TryRead(reply, out var answer) && MessageHeader.TryRead(request, out var asked)
        && answer.Id == asked.Id && answer.IsResponse && answer.Opcode == Opcode.Notify;
}
