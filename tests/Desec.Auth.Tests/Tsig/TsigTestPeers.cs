using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;

namespace Desec.Auth.Tests.Tsig;

/// <summary>
/// A tiny responder on loopback that checks each request's TSIG with <see cref="TsigVerifier"/>
/// and signs the answer, so that dig and kdig can be pointed at it: over UDP it answers every
/// query with one A record; over TCP it answers AXFR with three messages (SOA, A, SOA), each signed.
/// </summary>
public sealed class TsigTestServer : IDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly TsigKeyring _keyring;
    private readonly CancellationTokenSource _stop = new();

    private readonly TimeSpan _clockSkew;
    private readonly Action<byte[]>? _tamper;
    private readonly Action<int, byte[]>? _tamperTransfer;

    /// <param name="clockSkew">How far the server's clock is off, to provoke BADTIME from a real client.</param>
    /// <param name="tamper">Changes each UDP answer before it is sent (a negative control for the clients' checks).</param>
    /// <param name="tamperTransfer">Changes transfer message i (from 0) before it is sent.</param>
    public TsigTestServer(TsigKeyring keyring, TimeSpan clockSkew = default, Action<byte[]>? tamper = null,
        Action<int, byte[]>? tamperTransfer = null)
    {
        _tamperTransfer = tamperTransfer;
        _keyring = keyring;
        _tamper = tamper;
        _clockSkew = clockSkew;
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _tcp = new TcpListener(IPAddress.Loopback, 0);
        _tcp.Start();
        _ = Task.Run(ServeUdp);
        _ = Task.Run(ServeTcp);
    }

    public int UdpPort => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
    public int TcpPort => ((IPEndPoint)_tcp.LocalEndpoint).Port;

    /// <summary>The verifier's verdict on each request, in order of arrival.</summary>
    public ConcurrentQueue<TsigResult> Results { get; } = new();

    /// <summary>The last response sent, for inspection.</summary>
    public byte[]? LastResponse { get; private set; }

    private async Task ServeUdp()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try { received = await _udp.ReceiveAsync(_stop.Token); }
            catch (Exception) { return; }
            var response = Answer(received.Buffer, DateTimeOffset.UtcNow + _clockSkew);
            _tamper?.Invoke(response);
            LastResponse = response;
            try { await _udp.SendAsync(response, received.RemoteEndPoint, _stop.Token); }
            catch (Exception) { return; }
        }
    }

    /// <summary>A one-record answer, signed; or the TSIG error answer.</summary>
    public byte[] Answer(byte[] request, DateTimeOffset now)
    {
        var reader = TestQueries.Read(request);
        var result = TsigVerifier.Verify(reader, _keyring, now, out var context);
        Results.Enqueue(result);
        var buffer = new byte[4096];
        using (context)
        {
            if (result is not (TsigResult.Ok or TsigResult.NoTsig))
            {
                return buffer[..TsigErrorResponse.Write(reader, context, buffer, now)];
            }
            return buffer[..WriteMessage(reader, buffer, RRType.A, context, now)];
        }
    }

    private async Task ServeTcp()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _tcp.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            using (client)
            {
                try { await ServeTransfer(client.GetStream()); }
                catch (Exception) { /* a client that goes away */ }
            }
        }
    }

    private async Task ServeTransfer(NetworkStream stream)
    {
        var lengthBytes = new byte[2];
        await stream.ReadExactlyAsync(lengthBytes, _stop.Token);
        var request = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthBytes)];
        await stream.ReadExactlyAsync(request, _stop.Token);
        var now = DateTimeOffset.UtcNow + _clockSkew;
        var reader = TestQueries.Read(request);
        var result = TsigVerifier.Verify(reader, _keyring, now, out var context);
        Results.Enqueue(result);
        using (context)
        {
            var buffer = new byte[65535];
            if (result is not (TsigResult.Ok or TsigResult.NoTsig))
            {
                await Send(stream, buffer[..TsigErrorResponse.Write(TestQueries.Read(request), context, buffer, now)]);
                return;
            }
            // RFC 5936 §2.2: SOA first and last; RFC 8945 §5.3.1: every message signed, chained to the one before.
            ushort[] messages = [RRType.SOA, RRType.A, RRType.SOA];
            for (int i = 0; i < messages.Length; i++)
            {
                var message = buffer[..WriteMessage(TestQueries.Read(request), buffer, messages[i], context, now)];
                _tamperTransfer?.Invoke(i, message);
                await Send(stream, message);
            }
        }
    }

    private async Task Send(NetworkStream stream, byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, _stop.Token);
    }

    /// <summary>
    /// The answer to the request: its ID, opcode, RD and question, QR and AA set, and one record of
    /// <paramref name="type"/> (A 192.0.2.1, or an SOA of serial 1) owned by the question's name,
    /// signed with <paramref name="tsig"/> (each call the next message of a stream).
    /// </summary>
    public static int WriteMessage(scoped in MessageReader request, Span<byte> buffer, ushort type, TsigContext tsig, DateTimeOffset now)
    {
        var writer = new MessageWriter(buffer, stackalloc ushort[16], buffer.Length);
        writer.Start(request.Header.Id, request.Header.Opcode, HeaderFlags.QR | HeaderFlags.AA | (request.Header.Flags & HeaderFlags.RD));
        writer.ReserveTsig(tsig);
        writer.TryCopyQuestion(request.Question.Wire);
        var name = request.Question.Name;
        byte[] rdata = type == RRType.SOA
            ? [.. name, .. name, 0, 0, 0, 1, 0, 0, 0x0E, 0x10, 0, 0, 0x03, 0x84, 0, 0x09, 0x3A, 0x80, 0, 0, 0x0E, 0x10]
            : [192, 0, 2, 1];
        Assert.True(writer.TryAddRecord(MessageSection.Answer, name, type, RRClass.IN, 3600, rdata));
        return writer.Finish(tsig, now);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Stop();
    }
}

/// <summary>Runs dig and kdig.</summary>
public static class DnsTools
{
    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) { start.ArgumentList.Add(argument); }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000)) { process.Kill(); }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string KeyArgument(TsigKey key) =>
        $"{key.Algorithm.Mnemonic}:{key.Name.ToString().TrimEnd('.')}:{Convert.ToBase64String(key.Secret)}";

    public static TsigKey NewKey(string name, TsigAlgorithm algorithm) =>
        new(DnsName.Parse(name), algorithm, RandomNumberGenerator.GetBytes(algorithm.MacLength));
}
