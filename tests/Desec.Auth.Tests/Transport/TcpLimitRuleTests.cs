using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Desec.Auth.Transport;
using Desec.Zone.Records;

namespace Desec.Auth.Tests.Transport;

/// <summary>
/// RFC 7766 §6.2.2, §6.2.3 and §10, one rule at a time, on the real listener with real sockets:
/// a client keeps a slot only while it makes progress, and a new client always gets one.
/// </summary>
public sealed class TcpLimitRuleTests
{
    private static readonly TcpOptions Short = new()
    {
        IdleTimeout = TimeSpan.FromSeconds(10),
        IoTimeout = TimeSpan.FromMilliseconds(300),
        TransferProgressTimeout = TimeSpan.FromMilliseconds(500),
        MaxClients = 100,
    };

    private static void WaitFor(Func<bool> condition, int timeoutMs, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.ElapsedMilliseconds < timeoutMs, $"not within {timeoutMs} ms: {what}");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public async Task Rfc7766_10_a_message_begun_must_be_finished_within_the_io_timeout_however_often_bytes_come()
    {
        await using var server = new TcpTestServer(Short);
        using var client = server.Connect();
        var query = TcpTestServer.Query("www.example.com.", (ushort)RRType.A);
        // One octet every 100 ms (well inside the timeout each time): cut before the message is complete.
        bool cut = false;
        for (int i = 0; i < query.Length && !cut; i++)
        {
            try { client.Send(query, i, 1, SocketFlags.None); }
            catch (SocketException) { cut = true; }
            Thread.Sleep(100);
            cut |= server.Stats.ClosedFor(TcpCloseReason.SlowMessage) == 1;
        }
        Assert.True(cut, "the dripping client kept its connection to the end of its message");
        Assert.True(TcpTestServer.ClosedByServer(client, 2000));
        Assert.Equal(1, server.Stats.ClosedFor(TcpCloseReason.SlowMessage));
    }

    [Fact]
    public async Task Rfc7766_6_2_3_only_whole_messages_keep_a_connection_from_its_idle_timeout()
    {
        await using var server = new TcpTestServer(Short with { IdleTimeout = TimeSpan.FromMilliseconds(700), IoTimeout = TimeSpan.Zero });
        using var client = server.Connect();
        // A query every 300 ms for 1.5 s: more than twice the idle timeout in all, never idle that long.
        for (int i = 0; i < 5; i++)
        {
            Assert.NotNull(TcpTestServer.Ask(client));
            Thread.Sleep(300);
        }
        // Then silence: closed after the idle timeout, not before.
        var clock = Stopwatch.StartNew();
        Assert.True(TcpTestServer.ClosedByServer(client, 3000));
        Assert.InRange(clock.ElapsedMilliseconds, 300, 5000);
        Assert.Equal(1, server.Stats.ClosedFor(TcpCloseReason.Idle));

        // Half a message does not count as activity either: without tcp-io-timeout, the idle timer still runs out.
        using var partial = server.Connect();
        partial.Send(new byte[] { 0 });
        Assert.True(TcpTestServer.ClosedByServer(partial, 3000));
    }

    [Fact]
    public async Task Rfc7766_10_a_client_that_pipelines_and_never_reads_is_cut_after_the_io_timeout()
    {
        await using var server = new TcpTestServer(Short);
        // A small receive window, and 2,000 queries whose answers are about 8 KB each (16 MB in all,
        // more than any socket buffer holds): the server's writes stop being taken.
        using var client = server.Connect(receiveBuffer: 4096);
        var query = TcpTestServer.Query("big.example.com.", (ushort)RRType.TXT);
        var queries = Enumerable.Repeat(query, 2000).SelectMany(q => q).ToArray();
        _ = Task.Run(() => { try { client.Send(queries); } catch (SocketException) { } catch (ObjectDisposedException) { } }, TestContext.Current.CancellationToken);
        WaitFor(() => server.Stats.ClosedFor(TcpCloseReason.SlowWrite) == 1, 15_000, "the connection is cut for a write not taken");
        Assert.Equal(0, server.ConnectionCount);
        Assert.True(TcpTestServer.ClosedByServer(client, 2000));
    }

    [Fact]
    public async Task Rfc5936_a_transfer_the_client_takes_nothing_of_is_cut_after_the_progress_timeout()
    {
        await using var server = new TcpTestServer(Short);
        using var client = server.Connect(receiveBuffer: 4096);
        client.Send(TcpTestServer.Query("example.com.", (ushort)RRType.AXFR));
        WaitFor(() => server.Stats.ClosedFor(TcpCloseReason.StalledTransfer) == 1, 15_000, "the stalled transfer is cut");
        Assert.Equal(0, server.Stats.ClosedFor(TcpCloseReason.SlowWrite));
        Assert.True(TcpTestServer.ClosedByServer(client, 2000));
    }

    [Fact]
    public async Task Rfc5936_a_slow_but_steady_transfer_is_not_cut_though_each_message_takes_longer_than_the_io_timeout()
    {
        // 100 ms for a message, 1 s of no progress for a transfer. The client takes one read (at most
        // its 4 KB window, doubled by Linux) every 100 ms: each 64 KB message takes a second or more.
        await using var server = new TcpTestServer(Short with { IoTimeout = TimeSpan.FromMilliseconds(100), TransferProgressTimeout = TimeSpan.FromSeconds(1) });
        using var client = server.Connect(receiveBuffer: 4096);
        client.Send(TcpTestServer.Query("example.com.", (ushort)RRType.AXFR));
        var buffer = new byte[16_384];
        long received = 0;
        client.ReceiveTimeout = 3000;
        var clock = Stopwatch.StartNew();
        while (received < 150_000)
        {
            int n = client.Receive(buffer);
            Assert.True(n > 0, $"the server closed the transfer after {received} octets");
            received += n;
            Thread.Sleep(100);
        }
        Assert.True(clock.ElapsedMilliseconds > 1000, $"the client was not slow: {received} octets in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, server.Stats.ClosedFor(TcpCloseReason.StalledTransfer));
        Assert.Equal(0, server.Stats.ClosedFor(TcpCloseReason.SlowWrite));
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Rfc7766_6_2_2_beyond_the_per_address_cap_a_new_connection_closes_that_address_s_idlest()
    {
        await using var server = new TcpTestServer(Short with { MaxClientsPerAddress = 2 });
        using var oldest = server.Connect();
        Assert.NotNull(TcpTestServer.Ask(oldest));
        using var other = server.Connect(from: IPAddress.Parse("127.0.0.2"));
        using var recent = server.Connect();
        Thread.Sleep(20);
        Assert.NotNull(TcpTestServer.Ask(recent));
        using var newcomer = server.Connect();
        Assert.NotNull(TcpTestServer.Ask(newcomer));

        Assert.True(TcpTestServer.ClosedByServer(oldest, 2000));
        Assert.Equal(1, server.Stats.ClosedFor(TcpCloseReason.EvictedPerAddress));
        Assert.NotNull(TcpTestServer.Ask(recent));
        Assert.NotNull(TcpTestServer.Ask(other)); // another address is not touched
        Assert.Equal(3, server.ConnectionCount);
    }

    [Fact]
    public async Task Rfc7766_10_when_every_slot_is_taken_a_new_connection_closes_the_idlest_instead_of_being_turned_away()
    {
        await using var server = new TcpTestServer(Short with { MaxClients = 3 });
        using var idlest = server.Connect();
        WaitFor(() => server.ConnectionCount == 1, 2000, "the first connection is accepted");
        Thread.Sleep(20);
        using var second = server.Connect();
        using var third = server.Connect();
        Assert.NotNull(TcpTestServer.Ask(second));
        Assert.NotNull(TcpTestServer.Ask(third));

        using var newcomer = server.Connect();
        Assert.NotNull(TcpTestServer.Ask(newcomer));
        Assert.True(TcpTestServer.ClosedByServer(idlest, 2000));
        Assert.Equal(1, server.Stats.ClosedFor(TcpCloseReason.Evicted));
        Assert.NotNull(TcpTestServer.Ask(second));
        Assert.NotNull(TcpTestServer.Ask(third));
        Assert.Equal(3, server.ConnectionCount);
    }

    [Fact]
    public void The_soft_file_descriptor_limit_is_raised_to_the_hard_one()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "RLIMIT_NOFILE is read on Linux only");
        var limit = FileDescriptorLimit.RaiseToHard();
        Assert.NotNull(limit);
        Assert.Equal(limit.Value.Hard, limit.Value.Soft);
        Assert.Equal(limit, FileDescriptorLimit.Current());
    }
}
